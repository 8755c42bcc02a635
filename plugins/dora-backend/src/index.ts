/**
 * The dora backend plugin: stores delivery events and serves DORA metrics.
 *
 * @packageDocumentation
 */
export { doraPlugin as default } from './plugin';
export type { DoraStore, EventKey, ResolvedEvent } from './database/DoraStore';
export { SCORECARD_EVALUATION_TASK } from './plugin';
