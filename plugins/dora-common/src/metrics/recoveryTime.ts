import { RecoverySource } from '../engine/analyzeEntity';
import { SampleSummary } from '../stats/percentiles';
import { EntityTraits, WindowStats } from './windowStats';

export interface FailedDeploymentRecoveryTime extends SampleSummary {
  source: RecoverySource | 'mixed' | null;
}

/**
 * Failed deployment recovery time (DORA 2023+), placed in the window it
 * completes in. Incidents mode: the first incident of each failed
 * deployment, when it resolved in the window. Pipeline mode: first failure
 * to next success, when that success is in the window.
 */
export function failedDeploymentRecoveryTime(
  stats: WindowStats,
  entities: EntityTraits[],
): FailedDeploymentRecoveryTime {
  const sources = new Set(
    entities.flatMap(e =>
      e.recoverySource === null ? [] : [e.recoverySource],
    ),
  );
  let source: FailedDeploymentRecoveryTime['source'] = null;
  if (sources.size === 1) source = [...sources][0];
  if (sources.size > 1) source = 'mixed';
  return { source, ...stats.recoveries };
}
