import { EntityMetrics, Window } from '@dora-metrics/plugin-dora-common';
import { MeasuredEntity, MetricsService } from '../../MetricsService';

/**
 * Each window's metrics of every entity, by entity key, in the order of the
 * windows: the bodies `MetricsService.metricsOf` gives the evaluator (UTC,
 * weekly buckets).
 */
export type WindowedMetrics = (
  entities: MeasuredEntity[],
  windows: Window[],
) => Promise<Array<Map<string, EntityMetrics>>>;

/**
 * All the windows from one read of the facts that cover them (windows of
 * a preview overlap: twelve weeks of 30-day windows span 114 days, not 360).
 */
export function windowedMetricsOf(metrics: MetricsService): WindowedMetrics {
  return (entities, windows) =>
    metrics.metricsOfWindows(entities, windows, {
      timezone: 'UTC',
      bucket: 'week',
    });
}
