import {
  DoraEventsPage,
  EntityMetrics,
  EnvironmentsResponse,
  GroupMetricsResponse,
  GroupReport,
  GroupTrendResponse,
  GroupsMetricsResponse,
  InitiativeEntry,
  ItemsResponse,
  MoversResponse,
  ScorecardAuditPage,
  ScorecardCompliance,
  ScorecardEntry,
  ScorecardResultRecord,
  ScorecardVersion,
  ScorecardsComplianceResponse,
  complianceLevelRows,
  complianceRuleRows,
  moverCsvRows,
  reportCsvRows,
} from '@dora-metrics/plugin-dora-common';
import { scorecardResultRows } from './resultRows';

type Row = Record<string, unknown>;

/** The table a route's JSON body gives as CSV. */
export interface CsvTable<T = any> {
  /** In the file name: `dora-<name>-<date>.csv`. */
  name: string;
  /** The rows (nested fields are flattened into `a.b` columns by the writer). */
  rows(body: T): Row[];
  /** Paged bodies: the cursor of the next page, sent as the `Dora-Next-Cursor` header. */
  nextCursor?(body: T): string | null;
}

const table = <T>(definition: CsvTable<T>): CsvTable<T> => definition;
const items = <T extends object>(body: { items: T[] }) => body.items as Row[];

/** A scorecard's compliance: its rule rows (active, then announced), then its level rows. */
const complianceRows = (compliance: ScorecardCompliance): Row[] => [
  ...complianceRuleRows(compliance).map(row => ({ section: 'rule', ...row })),
  ...complianceLevelRows(compliance).map(row => ({ section: 'level', ...row })),
];

/**
 * Each GET route's table, by the route's path as the router declares it.
 * The choice per route is documented in docs/exports.md; a GET route
 * missing here answers CSV requests with a 406 that lists these routes.
 */
export const csvTables: Record<string, CsvTable> = {
  // One row per environment (the rules are in each row's `rule`).
  '/v1/environments': table<EnvironmentsResponse>({
    name: 'environments',
    rows: body =>
      body.environments.map(row => ({ entityRef: body.entityRef, ...row })),
  }),
  // The window's summary row, then one row per bucket of the series.
  '/v1/metrics': table<EntityMetrics>({
    name: 'metrics',
    rows: ({ series, ...summary }) => [
      { section: 'window', ...summary },
      ...series.map(point => ({
        section: 'bucket',
        entityRef: summary.entityRef,
        ...point,
      })),
    ],
  }),
  // One row per group (`notFound` is not a row).
  '/v1/groups/metrics': table<GroupsMetricsResponse>({
    name: 'groups-metrics',
    rows: items,
  }),
  // The team pooled, the previous window, each sub-team, each entity (no series; movers: /v1/movers).
  '/v1/groups/:namespace/:name/metrics': table<GroupMetricsResponse>({
    name: 'group-metrics',
    rows: ({
      groupRef,
      entities,
      previous,
      subTeams,
      movers: _movers,
      series: _series,
      ...team
    }) => [
      { section: 'team', ref: groupRef, ...team },
      ...(previous
        ? [
            (({ series: _s, ...p }) => ({
              section: 'previous',
              ref: groupRef,
              ...p,
            }))(previous),
          ]
        : []),
      ...(subTeams ?? []).map(({ groupRef: ref, ...row }) => ({
        section: 'subTeam',
        ref,
        ...row,
      })),
      ...entities.map(({ entityRef, series: _s, ...row }) => ({
        section: 'entity',
        ref: entityRef,
        ...row,
      })),
    ],
  }),
  // One row per event of the page: the event's fields under `event.`, how it counted under `counting.`.
  '/v1/events': table<DoraEventsPage>({
    name: 'events',
    rows: items,
    nextCursor: body => body.nextCursor,
  }),
  '/v1/facts': table<Row>({ name: 'facts', rows: body => [body] }),
  '/v1/scorecards': table<ItemsResponse<ScorecardEntry>>({
    name: 'scorecards',
    rows: items,
  }),
  '/v1/scorecards/results': table<ItemsResponse<ScorecardResultRecord>>({
    name: 'scorecard-results',
    rows: body => scorecardResultRows(body.items),
  }),
  // Initiatives (`include=initiatives`) are not rows: /v1/initiatives gives them.
  '/v1/scorecards/compliance': table<ScorecardsComplianceResponse>({
    name: 'scorecards-compliance',
    rows: body => body.items.flatMap(complianceRows),
  }),
  '/v1/scorecards/:id': table<ScorecardEntry>({
    name: 'scorecard',
    rows: body => [body as unknown as Row],
  }),
  '/v1/scorecards/:id/versions': table<ItemsResponse<ScorecardVersion>>({
    name: 'scorecard-versions',
    rows: items,
  }),
  '/v1/scorecards/:id/history': table<ItemsResponse<ScorecardResultRecord>>({
    name: 'scorecard-history',
    rows: body => scorecardResultRows(body.items),
  }),
  '/v1/scorecards/:id/compliance': table<ScorecardCompliance>({
    name: 'scorecard-compliance',
    rows: complianceRows,
  }),
  '/v1/scorecards/:id/exemptions': table<ItemsResponse<Row>>({
    name: 'exemptions',
    rows: items,
  }),
  '/v1/scorecards/:id/audit': table<ScorecardAuditPage>({
    name: 'scorecard-audit',
    rows: items,
    nextCursor: body => body.nextCursor,
  }),
  '/v1/initiatives': table<ItemsResponse<InitiativeEntry>>({
    name: 'initiatives',
    rows: items,
  }),
  '/v1/initiatives/:id': table<InitiativeEntry>({
    name: 'initiative',
    rows: body => [body as unknown as Row],
  }),
  // One row per team or service × metric (the band distribution is not a row).
  '/v1/movers': table<MoversResponse>({ name: 'movers', rows: moverCsvRows }),
  // One row per period, oldest first.
  '/v1/groups/:namespace/:name/trend': table<GroupTrendResponse>({
    name: 'group-trend',
    rows: ({ groupRef, period, timezone, rows }) =>
      rows.map(row => ({ groupRef, period, timezone, ...row })),
  }),
  // The quarterly report as one table with a `section` column (reportCsvRows).
  '/v1/groups/:namespace/:name/report': table<GroupReport>({
    name: 'group-report',
    rows: reportCsvRows,
  }),
};
