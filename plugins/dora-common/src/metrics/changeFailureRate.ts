import { EntityAnalysis } from '../engine/analyzeEntity';
import { ChangeFailureMode } from '../settings/settings';
import { Band, changeFailureRateBand } from './bands';
import { EntityTraits, WindowStats } from './windowStats';

export interface ChangeFailureRate {
  /** `mixed` when a team's entities are measured in different modes. */
  mode: ChangeFailureMode | 'mixed';
  failed: number;
  total: number;
  ratio: number | null;
  band: Band | null;
}

/** Failed and total changes of one entity, in its own mode. */
export function failedAndTotal(analysis: EntityAnalysis): {
  failed: number;
  total: number;
} {
  const items =
    analysis.changeFailureMode === 'pipeline'
      ? analysis.pipelineRuns
      : analysis.deployments;
  let failed = 0;
  for (const item of items) if (item.failed) failed++;
  return { failed, total: items.length };
}

export function combinedMode<T extends string>(
  modes: T[],
  fallback: T,
): T | 'mixed' {
  const distinct = new Set(modes);
  if (distinct.size === 0) return fallback;
  return distinct.size === 1 ? modes[0] : 'mixed';
}

/**
 * Incidents mode: failed changes among counted deployments in the window.
 * Pipeline mode: failed production runs among successful and failed ones.
 * A team counts each entity in its own mode.
 */
export function changeFailureRate(
  stats: WindowStats,
  entities: EntityTraits[],
): ChangeFailureRate {
  const failed = stats.failedChanges;
  const total = stats.changeTotal;
  const ratio = total === 0 ? null : failed / total;
  return {
    mode: combinedMode(
      entities.map(e => e.changeFailureMode),
      'incidents' as ChangeFailureMode,
    ),
    failed,
    total,
    ratio,
    band: changeFailureRateBand(ratio),
  };
}
