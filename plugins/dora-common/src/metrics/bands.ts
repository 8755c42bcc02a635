import { DAY_SECONDS as DAY, HOUR_SECONDS as HOUR } from '../time/durations';
/**
 * Performance bands. Boundaries follow the DORA wording with Metrik's cut
 * points for deployment frequency, and the DORA 2023 report for lead time,
 * change failure rate and time to restore. `null` where the metric has no value.
 */
export type Band = 'elite' | 'high' | 'medium' | 'low';

/** A band with a limit: every band but low. */
export type LimitedBand = Exclude<Band, 'low'>;

/**
 * Where a metric's bands end, in the metric's API unit (deployments per day,
 * seconds, a ratio): the one definition the band functions, the pages'
 * tooltips and the charts' target lines all read.
 */
export interface BandLimits {
  /** `higher`: a value above the limit is in the band; `lower`: below (or at, with `inclusive`). */
  better: 'higher' | 'lower';
  /** Whether a value equal to the limit is in the band ("up to 5 %"). */
  inclusive: boolean;
  limits: Record<LimitedBand, number>;
  /** The report (or tool) the limits come from. */
  source: string;
}

const DORA_2023 = 'DORA 2023 report (Accelerate State of DevOps)';

/** The band limits of the four DORA metrics. */
export const bandLimits = {
  deploymentFrequency: {
    better: 'higher',
    inclusive: false,
    limits: { elite: 1, high: 1 / 7, medium: 1 / 30 },
    source:
      "Metrik's cut points in the DORA reports' wording (the 2023 report gives no exact limits)",
  },
  leadTime: {
    better: 'lower',
    inclusive: false,
    limits: { elite: DAY, high: 7 * DAY, medium: 30 * DAY },
    source: DORA_2023,
  },
  changeFailureRate: {
    better: 'lower',
    inclusive: true,
    limits: { elite: 0.05, high: 0.1, medium: 0.15 },
    source: DORA_2023,
  },
  timeToRestore: {
    better: 'lower',
    inclusive: false,
    limits: { elite: HOUR, high: DAY, medium: 7 * DAY },
    source: DORA_2023,
  },
} as const satisfies Record<string, BandLimits>;

/** The bands with a limit, best first. */
export const limitedBands: readonly LimitedBand[] = ['elite', 'high', 'medium'];

/** Whether a value is within a band's limit. */
export function withinLimit(
  value: number,
  band: LimitedBand,
  bands: BandLimits,
): boolean {
  const limit = bands.limits[band];
  if (bands.better === 'higher') {
    return bands.inclusive ? value >= limit : value > limit;
  }
  return bands.inclusive ? value <= limit : value < limit;
}

/** The best band whose limit the value is within, else low. */
export function bandOf(value: number, bands: BandLimits): Band {
  return limitedBands.find(band => withinLimit(value, band, bands)) ?? 'low';
}

/** Deployments per day: elite above one a day, high above one a week, medium above one a month. */
export function deploymentFrequencyBand(perDay: number, count: number): Band {
  if (count === 0) return 'low';
  return bandOf(perDay, bandLimits.deploymentFrequency);
}

/** Median lead time in seconds: elite under a day, high under a week, medium under 30 days. */
export function leadTimeBand(medianSeconds: number | null): Band | null {
  return medianSeconds === null
    ? null
    : bandOf(medianSeconds, bandLimits.leadTime);
}

/** Change failure ratio: elite up to 5 %, high up to 10 %, medium up to 15 %. */
export function changeFailureRateBand(ratio: number | null): Band | null {
  return ratio === null ? null : bandOf(ratio, bandLimits.changeFailureRate);
}

/** Median time to restore in seconds: elite under an hour, high under a day, medium under a week. */
export function timeToRestoreBand(medianSeconds: number | null): Band | null {
  return medianSeconds === null
    ? null
    : bandOf(medianSeconds, bandLimits.timeToRestore);
}
