import {
  EntityMetrics,
  MetricsBody,
  MetricsRequest,
  Window,
  analyzeFacts,
  requestCalendar,
  summarize,
} from '@dora-metrics/plugin-dora-common';
import type { MeasuredEntity, MetricsService, Team } from '../MetricsService';

/** What the engine makes of one entity's facts for one window. */
type EntityAnalysis = ReturnType<typeof analyzeFacts>;

/** A body without its series (the readings never compute one). */
export type BodyWithoutSeries = Omit<MetricsBody, 'series'>;

/** One window of a {@link readWindows}: the bodies the metrics routes answer, without series. */
export interface WindowReading {
  request: MetricsRequest;
  /** The entity's own body, as `GET /v1/metrics` gives it. */
  entity(entity: MeasuredEntity): Omit<EntityMetrics, 'series'>;
  /** The team pooled (never a median of medians), as `GET /v1/groups/.../metrics` gives it. */
  team(team: Team): BodyWithoutSeries;
}

/**
 * Every window's bodies of the entities from ONE read of the facts that
 * cover all the windows (the engine cuts each window out of them, as
 * `metricsOfWindows` does): movers, trends and reports of a thousand
 * services cost one read, not one per service and window.
 */
export async function readWindows(
  metrics: MetricsService,
  entities: MeasuredEntity[],
  requests: MetricsRequest[],
): Promise<WindowReading[]> {
  const unique = [...new Map(entities.map(e => [e.key, e])).values()];
  const span: Window = {
    from: Math.min(...requests.map(r => r.window.from)),
    to: Math.max(...requests.map(r => r.window.to)),
  };
  const { facts } =
    unique.length === 0
      ? { facts: [] }
      : await metrics.windowFacts(unique, span);
  const factsByKey = new Map(unique.map((e, i) => [e.key, facts[i]]));
  return requests.map(request => {
    const calendar = requestCalendar(request);
    const analyses = new Map<string, EntityAnalysis>();
    const analysisOf = (entity: MeasuredEntity) => {
      let analysis = analyses.get(entity.key);
      if (!analysis) {
        analysis = analyzeFacts(factsByKey.get(entity.key)!, request.window);
        analyses.set(entity.key, analysis);
      }
      return analysis;
    };
    return {
      request,
      entity: entity => {
        const { series: _s, ...body } = summarize(
          [analysisOf(entity)],
          request,
          false,
          calendar,
          false,
        );
        return {
          entityRef: entity.entityRef,
          ...body,
          warnings: [...entity.warnings, ...body.warnings],
        };
      },
      team: team => {
        const { series: _s, ...body } = summarize(
          team.entities.map(analysisOf),
          request,
          true,
          calendar,
          false,
        );
        return {
          ...body,
          warnings: [
            ...team.entities.flatMap(entity =>
              entity.warnings.map(w => ({
                ...w,
                entityRefs: [entity.entityRef],
              })),
            ),
            ...body.warnings,
          ],
        };
      },
    };
  });
}
