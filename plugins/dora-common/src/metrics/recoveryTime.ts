import { EntityAnalysis, RecoverySource } from '../engine/analyzeEntity';
import { SampleSummary, summarizeSample } from '../stats/percentiles';

export interface FailedDeploymentRecoveryTime extends SampleSummary {
  source: RecoverySource | 'mixed' | null;
}

/**
 * Failed deployment recovery time (DORA 2023+). Incidents mode: the first
 * incident of each failed deployment in the window, when it resolved in the
 * window. Pipeline mode: first failure to next success, when that success
 * is in the window.
 */
export function failedDeploymentRecoveryTime(
  analyses: EntityAnalysis[],
): FailedDeploymentRecoveryTime {
  const measured = analyses.filter(a => a.recoverySource !== null);
  const sources = new Set(measured.map(a => a.recoverySource!));
  const summary = summarizeSample(
    measured.flatMap(a => a.recoveries.map(r => r.seconds)),
  );
  let source: FailedDeploymentRecoveryTime['source'] = null;
  if (sources.size === 1) source = [...sources][0];
  if (sources.size > 1) source = 'mixed';
  return { source, ...summary };
}
