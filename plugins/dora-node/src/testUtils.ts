/**
 * Test helpers for backend modules of the dora plugin: a scheduler that runs
 * tasks only when asked, a logger that keeps its lines, and a clock whose
 * waits are recorded, not spent.
 *
 * @packageDocumentation
 */
export { ManualScheduler } from './testUtils/manualScheduler';
export type { ManualSchedulerTask } from './testUtils/manualScheduler';
export { RecordingLogger } from './testUtils/recordingLogger';
export { createTestClock } from './testUtils/testClock';
export type { TestClock } from './testUtils/testClock';
