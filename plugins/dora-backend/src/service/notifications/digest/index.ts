export { createDigestTaskFn } from './digestTask';
export { WeeklyDigestService } from './WeeklyDigestService';
export type { DigestRun, WeeklyDigestDeps } from './WeeklyDigestService';
