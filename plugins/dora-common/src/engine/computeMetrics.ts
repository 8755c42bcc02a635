import {
  changeFailureRate,
  ChangeFailureRate,
  combinedMode,
} from '../metrics/changeFailureRate';
import {
  deploymentFrequency,
  DeploymentFrequency,
} from '../metrics/deploymentFrequency';
import { leadTime, LeadTime } from '../metrics/leadTime';
import { pullRequests, PullRequests } from '../metrics/pullRequests';
import {
  failedDeploymentRecoveryTime,
  FailedDeploymentRecoveryTime,
} from '../metrics/recoveryTime';
import { reworkRate, ReworkRate } from '../metrics/reworkRate';
import {
  BucketStats,
  bucketStats,
  series,
  SeriesPoint,
} from '../metrics/series';
import {
  EntityTraits,
  traitsOf,
  windowStats,
  WindowStats,
} from '../metrics/windowStats';
import { timeToRestore, TimeToRestore } from '../metrics/timeToRestore';
import { DoraWarning, warningsFor } from '../metrics/warnings';
import { Bucket, calendarBoundaries } from '../time/calendar';
import { analyzeEntity, EntityAnalysis } from './analyzeEntity';
import { classifyEntity, EntityInput } from './classifyEntity';
import { MeasurementMode } from './countedDeployments';
import { MetricsRequest } from './metricsRequest';

/** The metrics body of the HTTP contract, shared by one entity and a team. */
export interface MetricsBody {
  window: { from: string; to: string; timezone: string; bucket: Bucket };
  /** `mixed` when a team has entities in both modes. */
  mode: MeasurementMode | 'mixed';
  deploymentFrequency: DeploymentFrequency;
  leadTime: LeadTime;
  changeFailureRate: ChangeFailureRate;
  timeToRestore: TimeToRestore;
  failedDeploymentRecoveryTime: FailedDeploymentRecoveryTime;
  reworkRate: ReworkRate;
  pullRequests: PullRequests;
  series: SeriesPoint[];
  warnings: DoraWarning[];
}

export interface EntityMetrics extends MetricsBody {
  entityRef: string;
}

/** The calendar days and chart buckets of a request, cut once and shared. */
export interface RequestCalendar {
  days: number[];
  buckets: number[];
}

export function requestCalendar(request: MetricsRequest): RequestCalendar {
  const { window, timezone, bucket } = request;
  const days = calendarBoundaries(window.from, window.to, timezone, 'day');
  const buckets =
    bucket === 'day'
      ? days
      : calendarBoundaries(window.from, window.to, timezone, bucket);
  return { days, buckets };
}

/** A body's parts before they are put together: from analyses, or from a database. */
export interface BodyParts {
  stats: WindowStats;
  entities: EntityTraits[];
  /** Per chart bucket; empty for a team's entity rows. */
  buckets: BucketStats[];
}

/** The body from its statistics: bands, ratios, series and warnings. */
export function metricsBody(
  parts: BodyParts,
  request: MetricsRequest,
  isTeam: boolean,
  calendar: RequestCalendar = requestCalendar(request),
): MetricsBody {
  const { stats, entities, buckets } = parts;
  const { window, timezone, bucket } = request;
  const changeFailure = changeFailureRate(stats, entities);
  return {
    window: {
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      timezone,
      bucket,
    },
    mode: combinedMode(
      entities.map(e => e.mode),
      'deployments' as MeasurementMode,
    ),
    deploymentFrequency: deploymentFrequency(stats, window),
    leadTime: leadTime(stats),
    changeFailureRate: changeFailure,
    timeToRestore: timeToRestore(stats, entities),
    failedDeploymentRecoveryTime: failedDeploymentRecoveryTime(stats, entities),
    reworkRate: reworkRate(stats),
    pullRequests: pullRequests(stats),
    series: buckets.length ? series(buckets, calendar.buckets, timezone) : [],
    warnings: warningsFor(entities, changeFailure, isTeam),
  };
}

/** Computes the body from analyses: one for an entity, several pooled for a team. */
export function summarize(
  analyses: EntityAnalysis[],
  request: MetricsRequest,
  isTeam: boolean,
  calendar: RequestCalendar = requestCalendar(request),
  withSeries = true,
): MetricsBody {
  return metricsBody(
    {
      stats: windowStats(analyses, calendar.days),
      entities: analyses.map(traitsOf),
      buckets: withSeries ? bucketStats(analyses, calendar.buckets) : [],
    },
    request,
    isTeam,
    calendar,
  );
}

/**
 * The DORA metrics of one entity over `[from, to)`: a pure function of its
 * events, settings and the request (no clock, no I/O).
 */
export function computeEntityMetrics(
  input: EntityInput,
  request: MetricsRequest,
): EntityMetrics {
  const analysis = analyzeEntity(classifyEntity(input), request.window);
  return {
    entityRef: input.entityRef,
    ...summarize([analysis], request, false),
  };
}
