import { EntityAnalysis } from '../engine/analyzeEntity';
import { SampleSummary, summarizeSample } from '../stats/percentiles';
import { Band, timeToRestoreBand } from './bands';

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
export function timeToRestore(analyses: EntityAnalysis[]): TimeToRestore {
  const withSource = analyses.filter(a => a.hasIncidentSource);
  if (withSource.length === 0) {
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
  const summary = summarizeSample(
    withSource.flatMap(a => a.restores.map(r => r.seconds)),
  );
  let open = 0;
  for (const analysis of withSource) open += analysis.openIncidents;
  return {
    source: 'incidents',
    ...summary,
    open,
    band: timeToRestoreBand(summary.median),
  };
}
