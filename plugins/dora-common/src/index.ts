/**
 * Isomorphic types, event schemas, settings and the pure DORA metrics engine.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './events/schemas';
export * from './events/validateEvents';
export * from './settings/annotations';
export * from './settings/settings';
export * from './settings/namePatterns';
export * from './settings/exclusions';
export * from './settings/productionEnvironments';
export * from './settings/pathClaims';
export * from './time/calendar';
export * from './time/calendarPeriods';
export * from './time/durations';
export { chunks } from './util/chunks';
export { mulberry32 } from './util/seededRandom';
export type { Window } from './time/instants';
export { inWindow } from './time/instants';
export * from './stats/percentiles';
export * from './metrics/bands';
export type { DeploymentFrequency } from './metrics/deploymentFrequency';
export type { LeadTime, LeadTimeBreakdown } from './metrics/leadTime';
export type { ChangeFailureRate } from './metrics/changeFailureRate';
export type { TimeToRestore } from './metrics/timeToRestore';
export type { FailedDeploymentRecoveryTime } from './metrics/recoveryTime';
export type { ReworkRate } from './metrics/reworkRate';
export type { PullRequests } from './metrics/pullRequests';
export type { SeriesPoint, BucketStats } from './metrics/series';
export { emptyBucket } from './metrics/series';
export type { WindowStats, EntityTraits } from './metrics/windowStats';
export { windowStats, traitsOf } from './metrics/windowStats';
export type { DoraWarning, WarningCode } from './metrics/warnings';
export type {
  CountedDeployment,
  FailureSignal,
  MeasurementMode,
} from './engine/countedDeployments';
export type { Change, Deployment, Incident, Timeline } from './engine/timeline';
export { artifactOf } from './engine/timeline';
export { classifyEntity } from './engine/classifyEntity';
export type {
  EntityInput,
  EntityClassification,
} from './engine/classifyEntity';
export { analyzeEntity } from './engine/analyzeEntity';
export type {
  EntityAnalysis,
  LeadTimeSample,
  PullRequestSample,
  TimedDuration,
} from './engine/analyzeEntity';
export { parseMetricsRequest } from './engine/metricsRequest';
export type {
  MetricsRequest,
  RawMetricsRequest,
} from './engine/metricsRequest';
export { computeEntityMetrics } from './engine/computeMetrics';
export type { MetricsBody, EntityMetrics } from './engine/computeMetrics';
export { computeRollup, rollup, rollupRow } from './engine/computeRollup';
export {
  explainEvents,
  explainFacts,
  explainDeployment,
  explainChange,
  explainIncident,
  changeListedAt,
  drillDownFacts,
  explainListed,
} from './engine/explainEvents';
export type {
  ExplainedEvent,
  ExplainedFailure,
  DeploymentCounting,
  ChangeCounting,
  IncidentCounting,
  ListedFactOf,
} from './engine/explainEvents';
export { entityFacts } from './engine/entityFacts';
export type {
  EntityFacts,
  DeploymentFact,
  ChangeFact,
  IncidentFact,
  DeploymentStatusFact,
  LeadTimeStart,
} from './engine/entityFacts';
export { analyzeFacts } from './engine/analyzeEntity';
export {
  summarize,
  requestCalendar,
  metricsBody,
} from './engine/computeMetrics';
export type { BodyParts, RequestCalendar } from './engine/computeMetrics';
export type { AnalysisNotes, RecoverySource } from './engine/analyzeEntity';
export type { GroupMetrics, RollupEntityRow } from './engine/computeRollup';
export type { InstantLike } from './scorecards/instantMillis';
export * from './scorecards/types';
export * from './scorecards/scorecardMetrics';
export * from './scorecards/thresholds';
export * from './scorecards/schema';
export * from './scorecards/overrides';
export * from './scorecards/matchEntity';
export * from './scorecards/evaluate';
export * from './scorecards/thresholdText';
export * from './scorecards/staging';
export * from './scorecards/stagingSchema';
export * from './scorecards/graded';
export * from './scorecards/applyStages';
export * from './scorecards/gradedCompliance';
export * from './scorecards/exemptions';
export * from './scorecards/exemptionTransitions';
export * from './scorecards/exemptionRequest';
export * from './scorecards/applyExemptions';
export * from './scorecards/benchmarks';
export * from './scorecards/doraBenchmarks';
export * from './scorecards/initiatives';
export * from './scorecards/initiativeTarget';
export * from './scorecards/initiativeProgress';
export * from './movers';
export * from './notifications';
export * from './export/csv';
export * from './export/parseCsv';
export * from './export/moversCsv';
export * from './export/complianceCsv';
export * from './export/reportCsv';
export * from './api';
