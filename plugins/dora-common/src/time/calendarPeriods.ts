import { DateTime } from 'luxon';

/** A calendar period of a trend: a quarter or a month of a timezone. */
export type CalendarPeriodUnit = 'quarter' | 'month';

/** One calendar period, cut at its timezone's midnights. */
export interface CalendarPeriod {
  /** `2026-Q3` or `2026-07`. */
  label: string;
  /** Epoch millis: the period's start, and its end (`now` for the current period). */
  from: number;
  to: number;
  /** The current period: it ends at `now`. */
  partial: boolean;
}

/**
 * The last `count` calendar quarters or months of `timezone` up to `now`,
 * oldest first; the current one runs from its start to `now` (partial).
 */
export function lastCalendarPeriods(
  now: number,
  timezone: string,
  unit: CalendarPeriodUnit,
  count: number,
): CalendarPeriod[] {
  // At the very instant a period starts it has no time yet: the last period
  // is then the one just over, whole.
  const current = DateTime.fromMillis(now - 1, { zone: timezone }).startOf(
    unit,
  );
  const periods: CalendarPeriod[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const start = current.minus({ [`${unit}s`]: back });
    const end = start.plus({ [`${unit}s`]: 1 }).toMillis();
    periods.push({
      label:
        unit === 'quarter'
          ? `${start.year}-Q${start.quarter}`
          : start.toFormat('yyyy-MM'),
      from: start.toMillis(),
      to: Math.min(end, now),
      partial: now < end,
    });
  }
  return periods;
}
