// The HTTP contract lives in dora-common, shared with the backend; re-exported
// here so the plugin's components and public API keep their import paths.
export type {
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
} from '@dora-metrics/plugin-dora-common';
