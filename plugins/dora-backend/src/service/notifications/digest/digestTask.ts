import { WeeklyDigestDeps, WeeklyDigestService } from './WeeklyDigestService';

/**
 * The scheduled task of the weekly digest: schedule it with
 * `dora.notifications.digest.schedule` when notifications are enabled and
 * `signals.digest` is on. Sends each team's digest once per ISO week.
 */
export function createDigestTaskFn(
  deps: WeeklyDigestDeps,
  clock: () => number = Date.now,
): () => Promise<void> {
  const service = new WeeklyDigestService(deps);
  return async () => {
    const run = await service.sendDigests(clock());
    deps.logger.info(
      `DORA weekly digest: ${run.sent.length} sent, ${run.alreadySent.length} already sent this week, ${run.failed.length} failed`,
    );
  };
}
