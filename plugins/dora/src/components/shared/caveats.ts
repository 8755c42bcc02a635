import { Band, RollupEntityRow } from '@dora-metrics/plugin-dora-common';
import { plural } from '../format';
import { TileKind } from './metricDocs';

/**
 * The fewest samples a band is given from: fewer deployments (change failure
 * rate), shipped changes (lead time) or resolved incidents (time to restore)
 * read as luck, not performance. The metrics body carries no such minimum,
 * so the pages set it; docs/metrics.md ("Bands on the pages") says so.
 * Deployment frequency is always rated: its count is the measurement.
 */
export const MIN_SAMPLE_TO_RATE = 5;

/** What a row needs for its ratings and caveats (an entity, a team or a rollup row). */
export type RatedRow = Pick<
  RollupEntityRow,
  | 'mode'
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'timeToRestore'
  | 'warnings'
>;

/** A metric's band, or why the page will not give it one. */
export interface Rating {
  band: Band | null;
  /** Set when the number is doubted: the band is withheld and this says why. */
  notRated?: string;
}

function smallSample(size: number | null, noun: string): string | undefined {
  if (size === null || size === 0 || size >= MIN_SAMPLE_TO_RATE) {
    return undefined;
  }
  return `${plural(size, noun)}: too few to rate (rated from ${MIN_SAMPLE_TO_RATE})`;
}

/** The band of one metric of a row, withheld when the page doubts the number. */
export function ratingOf(row: RatedRow, kind: TileKind): Rating {
  switch (kind) {
    case 'deploymentFrequency':
      return { band: row.deploymentFrequency.band };
    case 'leadTime': {
      const notRated = smallSample(row.leadTime.sampleSize, 'change');
      return notRated ? { band: null, notRated } : { band: row.leadTime.band };
    }
    case 'changeFailureRate': {
      const cfr = row.changeFailureRate;
      const noun = cfr.mode === 'pipeline' ? 'pipeline run' : 'deployment';
      if (row.warnings.some(w => w.code === 'CHANGE_FAILURE_RATE_ZERO')) {
        return {
          band: null,
          notRated: `0 % over ${plural(cfr.total, noun)}: incidents are probably not reaching the plugin, so not rated`,
        };
      }
      const notRated = smallSample(cfr.total, noun);
      return notRated ? { band: null, notRated } : { band: cfr.band };
    }
    case 'timeToRestore':
    default: {
      const notRated = smallSample(row.timeToRestore.sampleSize, 'incident');
      return notRated
        ? { band: null, notRated }
        : { band: row.timeToRestore.band };
    }
  }
}

export type CaveatKind =
  'pullRequests' | 'noIncidentSource' | 'smallSample' | 'zeroFailures';

export interface Caveat {
  kind: CaveatKind;
  label: string;
  /** Why it matters, for the tooltip. */
  detail: string;
}

const TILE_KINDS: TileKind[] = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
];

/** The caveats a row's numbers come with, in a fixed order. */
export function caveatsOf(row: RatedRow): Caveat[] {
  const caveats: Caveat[] = [];
  const has = (code: string) => row.warnings.some(w => w.code === code);
  if (row.mode === 'pull-requests' || has('PULL_REQUEST_MODE')) {
    caveats.push({
      kind: 'pullRequests',
      label: 'From pull requests',
      detail:
        'No deployment event was ever sent: each merge counts as a deployment, with no deploy time.',
    });
  }
  if (row.timeToRestore.source === null || has('NO_INCIDENT_SOURCE')) {
    caveats.push({
      kind: 'noIncidentSource',
      label: 'No incident data',
      detail:
        'Time to restore is not measured and the change failure rate sees only rollbacks and reverts.',
    });
  }
  if (has('CHANGE_FAILURE_RATE_ZERO')) {
    caveats.push({
      kind: 'zeroFailures',
      label: 'Zero failures',
      detail: ratingOf(row, 'changeFailureRate').notRated ?? '',
    });
  }
  const small = TILE_KINDS.map(kind => ratingOf(row, kind).notRated).filter(
    (reason): reason is string =>
      reason !== undefined && reason.includes('too few to rate'),
  );
  if (small.length > 0) {
    caveats.push({
      kind: 'smallSample',
      label: 'Small sample',
      detail: small.join('; '),
    });
  }
  return caveats;
}
