/**
 * Frontend plugin for DORA metrics: a service's DORA tab, scorecard cards,
 * team rollups and the DORA page.
 *
 * @packageDocumentation
 */
export {
  doraPlugin,
  DoraPage,
  EntityDoraCard,
  EntityDoraContent,
  EntityGroupDoraContent,
  EntityScorecardCard,
  isDoraAvailable,
  isDoraGroupAvailable,
} from './plugin';
export { rootRouteRef, scorecardRouteRef } from './routes';
export { doraApiRef, DoraClient } from './api';
export type {
  DoraApi,
  DoraEventItem,
  DoraEventsPage,
  EventsQuery,
  LevelCompliance,
  MetricsQuery,
  RuleCompliance,
  ScorecardCompliance,
  ScorecardEntry,
  ScorecardHistoryQuery,
  ScorecardResultRecord,
  ScorecardResultsQuery,
} from './api';
export type { DoraPageProps } from './components/DoraPage';
export type { EntityDoraContentProps } from './components/EntityDoraContent';
export type { EntityDoraCardProps } from './components/EntityDoraCard';
export type { EntityGroupDoraContentProps } from './components/EntityGroupDoraContent';
