import { EntityAnalysis, analyzeEntity } from './analyzeEntity';
import { classifyEntity, EntityInput } from './classifyEntity';
import { MetricsBody, requestCalendar, summarize } from './computeMetrics';
import { MetricsRequest } from './metricsRequest';

/** One entity's row in a team rollup. */
export type RollupEntityRow = { entityRef: string } & Pick<
  MetricsBody,
  | 'mode'
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'timeToRestore'
  | 'failedDeploymentRecoveryTime'
  | 'reworkRate'
  | 'pullRequests'
  | 'warnings'
>;

export interface GroupMetrics extends MetricsBody {
  groupRef: string;
  entities: RollupEntityRow[];
}

/**
 * A team's metrics: the events of its entities pooled under the same rules
 * as one entity (each entity keeps its own settings and history; counts are
 * summed and medians taken over the pooled samples, never a median of
 * medians), plus one row per entity.
 */
export function computeRollup(
  groupRef: string,
  entities: EntityInput[],
  request: MetricsRequest,
): GroupMetrics {
  const analyses = entities.map(entity =>
    analyzeEntity(classifyEntity(entity), request.window),
  );
  return rollup(groupRef, analyses, request);
}

/** A team's metrics from its entities' analyses of the request's window. */
export function rollup(
  groupRef: string,
  analyses: EntityAnalysis[],
  request: MetricsRequest,
): GroupMetrics {
  const calendar = requestCalendar(request);
  const rows = analyses.map(analysis =>
    rollupRow(
      summarize([analysis], request, false, calendar, false),
      analysis.entityRef,
    ),
  );
  return {
    groupRef,
    ...summarize(analyses, request, true, calendar),
    entities: rows,
  };
}

/** An entity's row in a team rollup: its body without the series. */
export function rollupRow(
  body: MetricsBody,
  entityRef: string,
): RollupEntityRow {
  return {
    entityRef,
    mode: body.mode,
    deploymentFrequency: body.deploymentFrequency,
    leadTime: body.leadTime,
    changeFailureRate: body.changeFailureRate,
    timeToRestore: body.timeToRestore,
    failedDeploymentRecoveryTime: body.failedDeploymentRecoveryTime,
    reworkRate: body.reworkRate,
    pullRequests: body.pullRequests,
    warnings: body.warnings,
  };
}
