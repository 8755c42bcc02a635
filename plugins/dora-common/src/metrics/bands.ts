import { DAY_SECONDS as DAY, HOUR_SECONDS as HOUR } from '../time/durations';
/**
 * Performance bands. Boundaries follow the DORA wording with Metrik's cut
 * points for deployment frequency, and the DORA 2023 report for lead time
 * and time to restore. `null` where the metric has no value.
 */
export type Band = 'elite' | 'high' | 'medium' | 'low';

/** Deployments per day: elite above one a day, high above one a week, medium above one a month. */
export function deploymentFrequencyBand(perDay: number, count: number): Band {
  if (count === 0) return 'low';
  if (perDay > 1) return 'elite';
  if (perDay > 1 / 7) return 'high';
  if (perDay > 1 / 30) return 'medium';
  return 'low';
}

/** Median lead time in seconds: elite under a day, high under a week, medium under 30 days. */
export function leadTimeBand(medianSeconds: number | null): Band | null {
  if (medianSeconds === null) return null;
  if (medianSeconds < DAY) return 'elite';
  if (medianSeconds < 7 * DAY) return 'high';
  if (medianSeconds < 30 * DAY) return 'medium';
  return 'low';
}

/** Change failure ratio: elite up to 5 %, high up to 10 %, medium up to 15 %. */
export function changeFailureRateBand(ratio: number | null): Band | null {
  if (ratio === null) return null;
  if (ratio <= 0.05) return 'elite';
  if (ratio <= 0.1) return 'high';
  if (ratio <= 0.15) return 'medium';
  return 'low';
}

/** Median time to restore in seconds: elite under an hour, high under a day, medium under a week. */
export function timeToRestoreBand(medianSeconds: number | null): Band | null {
  if (medianSeconds === null) return null;
  if (medianSeconds < HOUR) return 'elite';
  if (medianSeconds < DAY) return 'high';
  if (medianSeconds < 7 * DAY) return 'medium';
  return 'low';
}
