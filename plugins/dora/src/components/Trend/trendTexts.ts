import { TrendPeriod, TrendRow } from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';

/** How many periods the trend shows: a year of quarters, half a year of months. */
export const TREND_COUNT: Record<TrendPeriod, number> = {
  quarter: 4,
  month: 6,
};

/** A period as people say it: `Q3 2026`, `Jul 2026`; the running one `to date`. */
export function periodText(
  row: Pick<TrendRow, 'from' | 'label' | 'partial'>,
  period: TrendPeriod,
  timezone: string,
): string {
  const start = DateTime.fromISO(row.from, { zone: timezone });
  let text = row.label;
  if (start.isValid) {
    text =
      period === 'quarter'
        ? `Q${start.quarter} ${start.year}`
        : start.toFormat('LLL yyyy');
  }
  return row.partial ? `${text} (to date)` : text;
}
