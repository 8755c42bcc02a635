import { SampleSummary } from '../stats/percentiles';
import { Band, timeToRestoreBand } from './bands';
import { EntityTraits, WindowStats } from './windowStats';

export interface TimeToRestore extends Omit<SampleSummary, 'sampleSize'> {
  /** `null`, like every value, when there is no incident source. */
  sampleSize: number | null;
  /** `null` when no entity has an incident source: never estimated from deployments. */
  source: 'incidents' | null;
  /** Incidents opened before the window's end and not resolved by it. */
  open: number | null;
  band: Band | null;
}

/** Incidents resolved in the window, from opened to resolved, pooled across entities with an incident source. */
export function timeToRestore(
  stats: WindowStats,
  entities: EntityTraits[],
): TimeToRestore {
  if (!entities.some(e => e.hasIncidentSource)) {
    return {
      source: null,
      sampleSize: null,
      median: null,
      mean: null,
      p90: null,
      open: null,
      band: null,
    };
  }
  return {
    source: 'incidents',
    ...stats.restores,
    open: stats.openIncidents,
    band: timeToRestoreBand(stats.restores.median),
  };
}
