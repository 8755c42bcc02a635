import {
  TestBackend,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { parseCsv } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import request from 'supertest';
import { migrateUp } from './database/migrations';
import { component, group } from './__testUtils__/entities';
import { emptyEventsAndFacts } from './__testUtils__/tables';
import { waitForFacts } from './__testUtils__/startDoraBackend';
import { doraTestDatabases, startDoraTestBackend } from './testUtils';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A fixed window (the default one ends now, so two requests would differ). */
const TO = iso(Math.ceil(Date.now() / DAY) * DAY);
const WINDOW = { from: iso(Date.parse(TO) - 28 * DAY), to: TO };

/** A title a spreadsheet would run, with the characters CSV must quote. */
const NASTY = '=cmd(),"x"\nsecond line';

const weekly = {
  id: 'weekly',
  title: 'Deploy often',
  window: '7d',
  levels: ['bronze', 'silver'],
  rules: [
    {
      id: 'deploys',
      title: 'Deploy weekly',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '1/week',
      level: 'bronze',
    },
    {
      id: 'deploys-daily',
      title: 'Deploy more than daily',
      metric: 'deploymentFrequency.perDay',
      operator: '>',
      threshold: '1/day',
      level: 'silver',
    },
  ],
};

const entities = [
  group('payments', ['checkout']),
  group('checkout', [], 'payments'),
  component('ledger', {}, 'payments'),
  component('cart', {}, 'checkout'),
];

const GRANTS: Record<string, string[]> = {
  'user:default/manager': ['dora.metrics.read', 'dora.scorecards.manage'],
  'user:default/reader': ['dora.metrics.read'],
  'user:default/writer': ['dora.scorecards.manage'],
};
const authorize: PermissionsService['authorize'] = async (
  requests,
  options,
) => {
  const principal = options.credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  const granted = GRANTS[principal.userEntityRef ?? ''] ?? [];
  return requests.map(r => ({
    result:
      principal.type === 'service' || granted.includes(r.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  }));
};

const manager = mockCredentials.user.header('user:default/manager');
const reader = mockCredentials.user.header('user:default/reader');
const writer = mockCredentials.user.header('user:default/writer');
const none = mockCredentials.none.header();
const service = mockCredentials.service.header();

type Row = Record<string, unknown>;

/** The test's own flattening: `{ a: { b: 1 } }` → `{ 'a.b': 1 }`, arrays kept whole. */
function flat(value: Row, prefix = ''): Row {
  const out: Row = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      Object.assign(out, flat(inner as Row, name));
    } else {
      out[name] = inner;
    }
  }
  return out;
}

/** What a cell must read as: text as is (an apostrophe before a formula start), numbers as written. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  const text = Array.isArray(value)
    ? value
        .map(v =>
          typeof v === 'object' && v !== null
            ? JSON.stringify(v)
            : String(v ?? ''),
        )
        .join('; ')
    : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The CSV's header and rows equal the expected rows (flattened), cell by cell. */
function expectTable(
  csv: string,
  expected: Row[],
  atRequestTime: string[] = [],
) {
  const [header, ...rows] = parseCsv(csv);
  const flatRows = expected.map(row => flat(row));
  const columns = [...new Set(flatRows.flatMap(row => Object.keys(row)))];
  expect(header).toEqual(columns);
  const compared = (cells: string[]) =>
    cells.map((cell, i) =>
      atRequestTime.includes(columns[i]) ? '(now)' : cell,
    );
  expect(rows.map(compared)).toEqual(
    flatRows.map(row => compared(columns.map(column => cellText(row[column])))),
  );
}

/** An initiative's progress ends with a week at now. */
const INITIATIVE_NOW = ['progress.now.at', 'progress.weeks'];

const items = (body: any): Row[] => body.items;
const complianceRows = (c: any): Row[] => [
  ...c.rules.map((rule: Row) => ({
    section: 'rule',
    scorecardId: c.scorecardId,
    groupRef: c.groupRef,
    entities: c.entities,
    ruleStage: 'active',
    ...rule,
  })),
  ...c.announced.map((rule: Row) => ({
    section: 'rule',
    scorecardId: c.scorecardId,
    groupRef: c.groupRef,
    entities: c.entities,
    ruleStage: 'announced',
    ...rule,
  })),
  ...c.levels.map((level: Row) => ({
    section: 'level',
    scorecardId: c.scorecardId,
    groupRef: c.groupRef,
    entities: c.entities,
    ...level,
  })),
];
const resultRows = (body: any): Row[] =>
  body.items.flatMap((r: any) => {
    const entity = {
      scorecardId: r.scorecardId,
      entityRef: r.entityRef,
      evaluatedAt: iso(r.evaluatedAt),
      version: r.version,
      level: r.level,
      problems: r.result.problems,
    };
    const rules = [
      ...r.result.rules.map((rule: Row) => ({ ruleStage: 'active', rule })),
      ...r.result.announced.map((rule: Row) => ({
        ruleStage: 'announced',
        rule,
      })),
    ];
    return rules.length === 0
      ? [entity]
      : rules.map(x => ({ ...entity, ...x }));
  });

/** Every GET route of the contract here: the request, the file's name, the table its JSON body gives. */
const ROUTES: Array<{
  path: string;
  query?: Record<string, string | string[]>;
  name: string;
  table: (body: any) => Row[];
  minRows: number;
  /** Columns measured at request time (progress up to now): present, values not compared. */
  atRequestTime?: string[];
}> = [
  {
    path: '/v1/metrics',
    query: { entityRef: 'component:default/cart', bucket: 'week', ...WINDOW },
    name: 'metrics',
    table: ({ series, ...summary }) => [
      { section: 'window', ...summary },
      ...series.map((p: Row) => ({
        section: 'bucket',
        entityRef: summary.entityRef,
        ...p,
      })),
    ],
    minRows: 3,
  },
  {
    path: '/v1/groups/metrics',
    query: {
      groupRef: ['group:default/payments', 'group:default/checkout'],
      ...WINDOW,
    },
    name: 'groups-metrics',
    table: items,
    minRows: 2,
  },
  {
    path: '/v1/groups/default/payments/metrics',
    query: { include: 'previous,subTeams', ...WINDOW },
    name: 'group-metrics',
    table: ({
      groupRef,
      entities: rows,
      previous,
      subTeams,
      series,
      ...team
    }) => [
      { section: 'team', ref: groupRef, ...team },
      (({ series: _s, ...p }) => ({
        section: 'previous',
        ref: groupRef,
        ...p,
      }))(previous),
      ...subTeams.map(({ groupRef: ref, ...row }: Row) => ({
        section: 'subTeam',
        ref,
        ...row,
      })),
      ...rows.map(({ entityRef, ...row }: Row) => ({
        section: 'entity',
        ref: entityRef,
        ...row,
      })),
    ],
    minRows: 5,
  },
  {
    path: '/v1/events',
    query: { entityRef: 'component:default/cart', kind: 'change', ...WINDOW },
    name: 'events',
    table: items,
    minRows: 1,
  },
  {
    path: '/v1/events',
    query: {
      groupRef: 'group:default/payments',
      kind: 'deployment',
      ...WINDOW,
    },
    name: 'events',
    table: items,
    minRows: 10,
  },
  { path: '/v1/facts', name: 'facts', table: body => [body], minRows: 1 },
  { path: '/v1/scorecards', name: 'scorecards', table: items, minRows: 2 },
  {
    path: '/v1/scorecards/weekly',
    name: 'scorecard',
    table: body => [body],
    minRows: 1,
  },
  {
    path: '/v1/scorecards/results',
    query: { scorecardId: 'weekly' },
    name: 'scorecard-results',
    table: resultRows,
    minRows: 4,
  },
  {
    path: '/v1/scorecards/compliance',
    query: { groupRef: 'group:default/payments' },
    name: 'scorecards-compliance',
    table: body => body.items.flatMap(complianceRows),
    minRows: 4,
  },
  {
    path: '/v1/scorecards/weekly/compliance',
    name: 'scorecard-compliance',
    table: complianceRows,
    minRows: 4,
  },
  {
    path: '/v1/scorecards/weekly/history',
    query: { entityRef: 'component:default/cart' },
    name: 'scorecard-history',
    table: resultRows,
    minRows: 2,
  },
  {
    path: '/v1/scorecards/weekly/exemptions',
    name: 'exemptions',
    table: items,
    minRows: 1,
  },
  {
    path: '/v1/scorecards/api-card/versions',
    name: 'scorecard-versions',
    table: items,
    minRows: 2,
  },
  {
    path: '/v1/scorecards/api-card/audit',
    name: 'scorecard-audit',
    table: items,
    minRows: 2,
  },
  {
    path: '/v1/initiatives',
    name: 'initiatives',
    table: items,
    minRows: 1,
    atRequestTime: INITIATIVE_NOW,
  },
  {
    path: '/v1/initiatives/payments-bronze',
    name: 'initiative',
    table: body => [body],
    minRows: 1,
    atRequestTime: INITIATIVE_NOW,
  },
];

const routeName = (r: (typeof ROUTES)[number]) =>
  `${r.path}${r.query ? `?${new URLSearchParams(r.query as any)}` : ''}`;

describe.each(databases.eachSupportedId())('CSV answers on %s', databaseId => {
  let knex: Knex;
  let backend: TestBackend;
  let server: any;
  const api = () => request(server);
  const get = (path: string, query: Record<string, unknown> = {}) =>
    api().get(`/api/dora${path}`).query(query);

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await migrateUp(knex);
    await emptyEventsAndFacts(knex);
    for (const table of [
      'dora_initiatives',
      'dora_scorecard_exemptions',
      'dora_scorecard_audit',
      'dora_scorecards',
    ]) {
      await knex(table).delete();
    }
    backend = await startDoraTestBackend({
      knex,
      entities,
      config: { dora: { scorecards: [weekly] } },
      features: [
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.permissions.mock({ authorize }).factory,
      ],
    });
    server = backend.server;
    const t0 = Date.now();
    const events: Row[] = [];
    for (const name of ['cart', 'ledger']) {
      for (let day = 20; day > 0; day -= name === 'cart' ? 1 : 3) {
        events.push({
          kind: 'deployment',
          source: 'ci',
          id: `${name}-d${day}`,
          entityRef: `component:default/${name}`,
          environment: 'production',
          status: 'success',
          finishedAt: iso(t0 - (day - 0.5) * DAY),
        });
      }
    }
    events.push({
      kind: 'change',
      source: 'github',
      id: 'cart-c1',
      entityRef: 'component:default/cart',
      title: NASTY,
      labels: ['a,b', '-x'],
      firstCommitAt: iso(t0 - 3 * DAY),
      mergedAt: iso(t0 - 2 * DAY),
    });
    const steps = [
      await api()
        .post('/api/dora/v1/events')
        .set('Authorization', service)
        .send({ events }),
    ];
    await waitForFacts(server);
    steps.push(
      await api()
        .post('/api/dora/v1/scorecards')
        .set('Authorization', manager)
        .send({ ...weekly, id: 'api-card', title: 'API, "card"' }),
    );
    steps.push(
      await api()
        .put('/api/dora/v1/scorecards/api-card')
        .set('Authorization', manager)
        .send({ ...weekly, id: 'api-card', title: '+API card' }),
    );
    for (let run = 0; run < 2; run++) {
      steps.push(
        await api()
          .post('/api/dora/v1/scorecards/evaluate')
          .set('Authorization', service)
          .query({ scorecardId: 'weekly' }),
      );
    }
    steps.push(
      await api()
        .post('/api/dora/v1/scorecards/weekly/exemptions')
        .set('Authorization', manager)
        .send({
          ruleId: 'deploys-daily',
          scope: { entityRef: 'component:default/ledger' },
          reason: NASTY,
        }),
    );
    steps.push(
      await api()
        .post('/api/dora/v1/initiatives')
        .set('Authorization', manager)
        .send({
          id: 'payments-bronze',
          title: 'Payments at bronze',
          target: { scorecardId: 'weekly', level: 'bronze' },
          scope: { owners: ['group:default/payments'] },
          targetShare: '100%',
          owner: 'group:default/payments',
          startsAt: iso(t0 - 10 * DAY),
          deadline: iso(t0 + 30 * DAY),
        }),
    );
    const failed = steps.filter(s => s.status >= 300);
    if (failed.length > 0) {
      throw new Error(
        `setup failed: ${failed.map(f => `${f.status} ${f.text}`).join('; ')}`,
      );
    }
  });
  afterAll(() => backend?.stop());

  it.each(ROUTES.map(r => [routeName(r), r] as const))(
    'GET %s answers with format=csv and with Accept: text/csv the rows of its JSON table',
    async (_name, route) => {
      const json = await get(route.path, route.query).set(
        'Authorization',
        reader,
      );
      expect(json.status).toBe(200);
      expect(json.type).toBe('application/json');
      const expected = route.table(json.body);
      expect(expected.length).toBeGreaterThanOrEqual(route.minRows);
      for (const asked of [
        get(route.path, { ...route.query, format: 'csv' }),
        get(route.path, route.query).set('Accept', 'text/csv'),
      ]) {
        const csv = await asked.set('Authorization', reader);
        expect(csv.status).toBe(200);
        expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(csv.headers['content-disposition']).toMatch(
          new RegExp(
            `^attachment; filename="dora-${route.name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`,
          ),
        );
        expect(csv.headers.vary).toMatch(/Accept/);
        expectTable(csv.text, expected, route.atRequestTime);
      }
    },
  );

  it.each(ROUTES.map(r => [routeName(r), r] as const))(
    'GET %s as CSV keeps the JSON answer’s checks: 401 without credentials, 403 JSON without dora.metrics.read',
    async (_name, route) => {
      for (const [credentials, status] of [
        [none, 401],
        [writer, 403],
      ] as const) {
        for (const asked of [
          get(route.path, { ...route.query, format: 'csv' }),
          get(route.path, route.query).set('Accept', 'text/csv'),
        ]) {
          const answer = await asked.set('Authorization', credentials);
          expect(answer.status).toBe(status);
          expect(answer.type).toBe('application/json');
          expect(answer.body.error.name).toBeDefined();
        }
      }
    },
  );

  it('round-trips cells with commas, quotes, line breaks and a leading = as text (an event title, an exemption reason)', async () => {
    const events = parseCsv(
      (
        await get('/v1/events', {
          entityRef: 'component:default/cart',
          kind: 'change',
          ...WINDOW,
          format: 'csv',
        }).set('Authorization', reader)
      ).text,
    );
    const titleColumn = events[0].indexOf('event.title');
    expect(events[1][titleColumn]).toBe(`'${NASTY}`);
    expect(events[1][events[0].indexOf('event.labels')]).toBe('a,b; -x');
    const exemptions = parseCsv(
      (
        await get('/v1/scorecards/weekly/exemptions', { format: 'csv' }).set(
          'Authorization',
          reader,
        )
      ).text,
    );
    expect(exemptions[1][exemptions[0].indexOf('reason')]).toBe(`'${NASTY}`);
  });

  it('a format other than csv or json is a 400 naming it; format=json wins over Accept', async () => {
    const bad = await get('/v1/scorecards', { format: 'xml' }).set(
      'Authorization',
      reader,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /format must be one of json, csv; got "xml"/,
    );
    const json = await get('/v1/scorecards', { format: 'json' })
      .set('Accept', 'text/csv')
      .set('Authorization', reader);
    expect(json.status).toBe(200);
    expect(json.type).toBe('application/json');
    expect(json.body.items.length).toBeGreaterThan(0);
  });

  it('answers CSV by Accept only when text/csv is preferred to JSON by q-values', async () => {
    const asked = async (accept: string) =>
      (
        await get('/v1/scorecards')
          .set('Accept', accept)
          .set('Authorization', reader)
      ).type;
    expect(await asked('text/csv;q=0.5, application/json')).toBe(
      'application/json',
    );
    expect(await asked('application/json;q=0.4, text/csv;q=0.9')).toBe(
      'text/csv',
    );
    expect(await asked('*/*')).toBe('application/json');
  });

  it('keeps error answers JSON: a bad query is a 400, an unknown scorecard a 404', async () => {
    const noEntity = await get('/v1/metrics', { format: 'csv' }).set(
      'Authorization',
      reader,
    );
    expect(noEntity.status).toBe(400);
    expect(noEntity.type).toBe('application/json');
    expect(noEntity.body.error.message).toMatch(/entityRef/);
    const missing = await get('/v1/scorecards/nope/versions')
      .set('Accept', 'text/csv')
      .set('Authorization', reader);
    expect(missing.status).toBe(404);
    expect(missing.type).toBe('application/json');
  });

  it('takes format out of the query before a strict schema reads it (audit), and sends the next page’s cursor as a header', async () => {
    const page = await get('/v1/scorecards/api-card/audit', {
      limit: '1',
      format: 'csv',
    }).set('Authorization', reader);
    expect(page.status).toBe(200);
    const json = await get('/v1/scorecards/api-card/audit', { limit: '1' }).set(
      'Authorization',
      reader,
    );
    expect(json.body.nextCursor).toEqual(expect.any(String));
    expect(page.headers['dora-next-cursor']).toBe(json.body.nextCursor);
    expectTable(page.text, json.body.items);
  });
});
