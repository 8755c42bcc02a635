import { EntityMetrics, Window } from '@dora-metrics/plugin-dora-common';
import { MeasuredEntity, MetricsService } from '../../MetricsService';

/** Entities whose metrics are read at once (as the evaluator batches them). */
const METRICS_BATCH = 500;

/**
 * Each window's metrics of every entity, by entity key, in the order of the
 * windows: the bodies `MetricsService.metricsOf` gives the evaluator (UTC,
 * weekly buckets).
 */
export type WindowedMetrics = (
  entities: MeasuredEntity[],
  windows: Window[],
) => Promise<Array<Map<string, EntityMetrics>>>;

/** One `metricsOf` read per window and batch of entities. */
export function windowedMetricsOf(metrics: MetricsService): WindowedMetrics {
  return async (entities, windows) => {
    const all: Array<Map<string, EntityMetrics>> = [];
    for (const window of windows) {
      const bodies = new Map<string, EntityMetrics>();
      for (let i = 0; i < entities.length; i += METRICS_BATCH) {
        const read = await metrics.metricsOf(
          entities.slice(i, i + METRICS_BATCH),
          { window, timezone: 'UTC', bucket: 'week' },
        );
        for (const [key, body] of read) bodies.set(key, body);
      }
      all.push(bodies);
    }
    return all;
  };
}
