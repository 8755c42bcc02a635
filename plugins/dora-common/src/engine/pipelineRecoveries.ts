import { Deployment } from './timeline';

/** A stretch of failed production runs, from the first failure to the next success. */
export interface PipelineRecovery {
  failedAt: number;
  recoveredAt: number;
  /** The success run that closed the outage. */
  closedBy: Deployment;
}

/**
 * Pipeline-mode recoveries (Metrik): over production runs in finish order
 * (aborted runs ignored), a failure after a success, or at the start of the
 * history, opens an outage; the next success closes it. Consecutive
 * failures count once, from the first; an outage never closed is left out.
 */
export function pipelineRecoveries(
  production: Deployment[],
  /** The outage open where these runs start (a history read from an instant on). */
  failingSinceBefore: number | null = null,
): PipelineRecovery[] {
  const recoveries: PipelineRecovery[] = [];
  let failingSince = failingSinceBefore;
  for (const run of production) {
    if (run.status === 'failure' && failingSince === null) {
      failingSince = run.finishedAt;
    } else if (run.status === 'success' && failingSince !== null) {
      recoveries.push({
        failedAt: failingSince,
        recoveredAt: run.finishedAt,
        closedBy: run,
      });
      failingSince = null;
    }
  }
  return recoveries;
}
