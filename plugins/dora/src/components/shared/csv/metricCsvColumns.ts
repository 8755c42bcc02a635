import { CsvColumn } from '@dora-metrics/plugin-dora-common';
import { caveatsOf, RatedRow, ratingOf } from '../caveats';
import { TileKind } from '../metricDocs';

/** The band the table shows, or "not rated" where it withholds one. */
function bandCell(row: RatedRow, kind: TileKind): string {
  const { band, notRated } = ratingOf(row, kind);
  if (notRated) return 'not rated';
  return band ?? '';
}

/**
 * The metric columns of the services, teams and sub-teams tables, raw: the
 * API's numbers (durations in seconds, rates as ratios 0–1) with the unit in
 * the header, each metric's sample, its band as the table rates it, and the
 * caveats by name.
 */
export function metricCsvColumns<T extends RatedRow>(): CsvColumn<T>[] {
  return [
    { header: 'deployments', value: r => r.deploymentFrequency.count },
    {
      header: 'deployments_per_day',
      value: r => r.deploymentFrequency.perDay,
    },
    {
      header: 'deployment_frequency_band',
      value: r => bandCell(r, 'deploymentFrequency'),
    },
    { header: 'lead_time_median_seconds', value: r => r.leadTime.median },
    { header: 'lead_time_sample_size', value: r => r.leadTime.sampleSize },
    { header: 'lead_time_band', value: r => bandCell(r, 'leadTime') },
    {
      header: 'change_failure_rate_ratio',
      value: r => r.changeFailureRate.ratio,
    },
    { header: 'failed_changes', value: r => r.changeFailureRate.failed },
    {
      header: 'change_failure_rate_total',
      value: r => r.changeFailureRate.total,
    },
    {
      header: 'change_failure_rate_band',
      value: r => bandCell(r, 'changeFailureRate'),
    },
    {
      header: 'time_to_restore_median_seconds',
      value: r => r.timeToRestore.median,
    },
    {
      header: 'time_to_restore_sample_size',
      value: r => r.timeToRestore.sampleSize,
    },
    {
      header: 'time_to_restore_band',
      value: r => bandCell(r, 'timeToRestore'),
    },
    { header: 'caveats', value: r => caveatsOf(r).map(c => c.label) },
  ];
}
