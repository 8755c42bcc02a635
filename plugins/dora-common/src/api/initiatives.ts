import { z } from 'zod';
import type { InitiativeProgress } from '../scorecards/initiativeProgress';
import type { Initiative } from '../scorecards/initiatives';

/*
 * The HTTP contract of `/v1/initiatives`. The body of `POST /v1/initiatives`
 * and `PUT /v1/initiatives/:id` is `initiativeSchema` (the id in the path
 * must equal the body's on PUT). Progress is measured on weekly snapshots
 * graded the way the preview grades, from the week of `startsAt` (at most
 * 52 weeks back) to now.
 */

/** Query of `GET /v1/initiatives`. */
export const initiativeListQuerySchema = z
  .object({
    /**
     * Only initiatives that concern this team: their scope includes one of
     * the team's entities (nested groups included). Their progress is then
     * still over their whole scope; `team` says how the team stands.
     */
    groupRef: z.string().min(1).optional(),
  })
  .strict();
export type InitiativeListQuery = z.infer<typeof initiativeListQuerySchema>;

/** An initiative with its progress now. */
export interface InitiativeEntry {
  initiative: Initiative;
  progress: InitiativeProgress;
  /** With `groupRef`: the team's entities in scope now, how many meet the target, and those that miss it. */
  team?: {
    groupRef: string;
    entities: number;
    meeting: number;
    missing: Array<{ entityRef: string; misses: string[] }>;
  };
  /** ISO-8601 of creation and last change, and who made it. */
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}
