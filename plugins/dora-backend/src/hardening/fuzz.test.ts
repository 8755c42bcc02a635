import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { component, group } from '../__testUtils__/entities';
import {
  startDoraBackend,
  waitForFacts,
} from '../__testUtils__/startDoraBackend';
import { normalizeEntityRef } from '../service/EntityCatalog';
import { doraTestDatabases } from '../testUtils';

/**
 * Property-based test of ingestion against hostile input, on both
 * databases: batches of near-valid events of the three kinds, some fields
 * mutated (counts past 32 bits, NUL, unpaired surrogates, long strings,
 * entity refs that outgrow their column once normalized, instants outside
 * 1970–2099, days that do not exist, wrong types), duplicate keys, valid
 * events mixed in, and bodies that are not a batch at all.
 *
 * Every request answers 200 or 4xx (never 5xx), and the one the generator
 * expects: 400 (413 for size) when some value is invalid, 200 when all are.
 * After a refusal the event tables are unchanged; after a 200 every event is
 * stored under its entity with its counts and text as sent, and the metrics
 * of every catalog entity, the drill-down and the group rollups answer 200,
 * right away and once the facts are built.
 *
 * Reproducible: a fixed seed (`DORA_FUZZ_SEED` picks another, and
 * `DORA_FUZZ_RUNS` the number of runs); a failure prints the seed, the
 * path and the shrunk counterexample.
 */

jest.setTimeout(300_000);

const SEED = Number(process.env.DORA_FUZZ_SEED ?? 20261212);
const NUM_RUNS = Number(process.env.DORA_FUZZ_RUNS ?? 200);
const MAX_EVENTS = 50;

const databases = doraTestDatabases();
const service = mockCredentials.service.header();
const user = mockCredentials.user.header();

// org > platform > (payments, search); org > mobile
const GROUPS = ['org', 'platform', 'payments', 'search', 'mobile'];
const catalog = [
  group('org', ['platform', 'mobile']),
  group('platform', ['payments', 'search'], 'org'),
  group('payments', [], 'platform'),
  group('search', [], 'platform'),
  group('mobile', [], 'org'),
  component(
    'pay-api',
    {
      'github.com/project-slug': 'acme/pay-api',
      'pagerduty.com/service-id': 'PPAY',
    },
    'payments',
  ),
  component(
    'pay-worker',
    {
      'dora/change-failure-mode': 'pipeline',
      'dora/attribution-window': 'none',
    },
    'payments',
  ),
  component(
    'search-api',
    {
      'dora/production-environments': 'prod,production-eu',
      'github.com/project-slug': 'acme/search',
    },
    'search',
  ),
  component(
    'ios-app',
    {
      'dora/incident-source': 'pagerduty',
      'pagerduty.com/service-id': 'PIOS',
    },
    'mobile',
  ),
];
const SERVICES = ['pay-api', 'pay-worker', 'search-api', 'ios-app'];
const CATALOG_REFS = SERVICES.map(name => `component:default/${name}`);
/** How events without entityRef resolve through the catalog. */
const REPOSITORIES: Record<string, string> = {
  'acme/pay-api': 'component:default/pay-api',
  'acme/search': 'component:default/search-api',
};
const SERVICE_IDS: Record<string, string> = {
  PPAY: 'component:default/pay-api',
  PIOS: 'component:default/ios-app',
};

// ---------------------------------------------------------------------------
// What is sent, and what the generator expects of it

type Verdict = 'valid' | 'invalid' | 'either';
type Json = Record<string, unknown>;

/** One value for one field, with whether the backend must accept it. */
interface Candidate {
  value: unknown;
  verdict: Verdict;
}

const ok = (value: unknown): Candidate => ({ value, verdict: 'valid' });
const bad = (value: unknown): Candidate => ({ value, verdict: 'invalid' });
const maybe = (value: unknown): Candidate => ({ value, verdict: 'either' });
/** A field left out of the event. */
const OMIT = '<omitted>';

function worst(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('invalid')) return 'invalid';
  if (verdicts.includes('either')) return 'either';
  return 'valid';
}

function textCandidates(max: number, optional: boolean): Candidate[] {
  return [
    ok('plain'),
    ok('ünïcödé ß'),
    ok('emoji 🚀 𝔘'),
    ok('x'.repeat(max)),
    ok('İ'.repeat(Math.min(max, 40))),
    ok('\t\u0001\u007f'),
    ok('\uFFFD'),
    ok('🚀'.repeat(Math.floor(max / 2))),
    bad('🚀'.repeat(Math.floor(max / 2) + 1)),
    bad('a\u0000b'),
    bad('\u0000'),
    bad('x\uD800'),
    bad('\uDC00x'),
    bad('\uDFFF\uD800'),
    bad('x'.repeat(max + 1)),
    bad(''),
    bad(42),
    bad(true),
    bad({ text: 'a' }),
    bad(['a']),
    optional ? ok(null) : bad(null),
    optional ? ok(OMIT) : bad(OMIT),
  ];
}

const countCandidates: Candidate[] = [
  ok(0),
  ok(7),
  ok(2147483647),
  ok(null),
  ok(OMIT),
  bad(2147483648),
  bad(4294967296),
  bad(-1),
  bad(0.5),
  bad(-0.5),
  bad(1e21),
  bad(1e308),
  bad(-1e308),
  bad('12'),
  bad(true),
  bad([]),
];

function instantCandidates(optional: boolean): Candidate[] {
  return [
    ok('1970-01-01T00:00:00Z'),
    ok('1970-01-01T01:00:00+01:00'),
    ok('1969-12-31T23:00:00-01:00'),
    ok('2099-12-31T23:59:59Z'),
    ok('2099-12-31T23:59:59.999Z'),
    ok('2024-02-29T12:00:00Z'),
    ok('2024-05-02T10:00Z'),
    ok('2024-05-02T10:00:00.123456789+05:30'),
    ok('2024-10-27T02:30:00+02:00'),
    bad('0000-01-01T00:00:00Z'),
    bad('0001-01-01T00:00:00Z'),
    bad('1000-01-01T00:00:00Z'),
    bad('1969-12-31T23:59:59Z'),
    bad('1970-01-01T00:59:59+01:00'),
    bad('2100-01-01T00:00:00Z'),
    bad('2099-12-31T23:00:00-01:00'),
    bad('9999-12-31T23:59:59Z'),
    bad('+275760-09-13T00:00:00Z'),
    bad('2024-02-30T10:00:00Z'),
    bad('2023-02-29T10:00:00Z'),
    bad('2024-04-31T10:00:00Z'),
    bad('2024-05-02T24:00:00Z'),
    bad('2024-05-02 10:00:00Z'),
    bad('2024-05-02T10:00:00'),
    bad('2024-05-02T10:00:00z'),
    bad('2024-05-02T10:00:00.1234567890Z'),
    bad(' 2024-05-02T10:00:00Z'),
    bad('2024-05-02T10:00:00Z\u0000'),
    bad(''),
    bad(1714644000000),
    bad({ at: '2024-05-02T10:00:00Z' }),
    optional ? ok(null) : bad(null),
    optional ? ok(OMIT) : bad(OMIT),
  ];
}

function arrayCandidates(): Candidate[] {
  return [
    ok([]),
    ok(['c0', 'c1']),
    ok(['c0', 'c0']),
    ok(['🚀', 'x'.repeat(255)]),
    ok(Array.from({ length: 300 }, (_, i) => `item-${i}`)),
    ok(null),
    ok(OMIT),
    bad('c0'),
    bad([1]),
    bad([null]),
    bad(['ok', 'a\u0000']),
    bad(['\uD800']),
    bad(['x'.repeat(256)]),
    bad(['']),
    bad({ 0: 'c0' }),
  ];
}

const PREFIX = 'component:default/';
/** Entity refs; a change or incident without one resolves by repository or service id. */
function entityRefCandidates(kind: string): Candidate[] {
  return [
    ...CATALOG_REFS.map(ok),
    ok('pay-api'),
    ok('default/search-api'),
    ok('COMPONENT:DEFAULT/PAY-WORKER'),
    ok('Component:default/iOS-App'),
    ok('component:default/ghost'),
    ok('group:default/payments'),
    ok('y'.repeat(512 - PREFIX.length)),
    ok(`Component:Default/${'Z'.repeat(512 - PREFIX.length)}`),
    // Within the 512 characters of the schema, over them once normalized.
    bad('y'.repeat(512 - PREFIX.length + 1)),
    bad('y'.repeat(512)),
    bad('İ'.repeat(250)),
    bad(`component:default/${'İ'.repeat(250)}`),
    bad('y'.repeat(513)),
    bad('component:'),
    bad(':'),
    bad('component:default/pay-api\u0000'),
    bad('component:default/x\uD800'),
    bad(''),
    bad(42),
    bad({ kind: 'component', name: 'pay-api' }),
    maybe('a:b:c'),
    maybe('component:default/'),
    maybe('/pay-api'),
    maybe(' pay-api'),
    kind === 'deployment' ? bad(null) : ok(null),
    kind === 'deployment' ? bad(OMIT) : ok(OMIT),
  ];
}

function enumCandidates(values: string[], optional: boolean): Candidate[] {
  return [
    ...values.map(ok),
    bad(values[0].toUpperCase()),
    bad('ok'),
    bad(''),
    bad(1),
    bad(`${values[0]}\u0000`),
    optional ? ok(null) : bad(null),
    optional ? ok(OMIT) : bad(OMIT),
  ];
}

const FIELDS: Record<string, Record<string, () => Candidate[]>> = {
  deployment: {
    source: () => textCandidates(255, false),
    id: () => textCandidates(255, false),
    entityRef: () => entityRefCandidates('deployment'),
    environment: () => textCandidates(255, false),
    status: () => enumCandidates(['success', 'failure', 'aborted'], false),
    startedAt: () => instantCandidates(true),
    finishedAt: () => instantCandidates(false),
    version: () => textCandidates(255, true),
    commitSha: () => textCandidates(255, true),
    changeIds: arrayCandidates,
    rollbackOf: () => textCandidates(255, true),
    deploymentKind: () =>
      enumCandidates(['normal', 'hotfix', 'rollback'], true),
  },
  change: {
    source: () => textCandidates(255, false),
    id: () => textCandidates(255, false),
    entityRef: () => entityRefCandidates('change'),
    repository: () => [
      ...textCandidates(512, true),
      ok('acme/pay-api'),
      ok('acme/search'),
      maybe('ACME/PAY-API'),
    ],
    number: () => countCandidates,
    title: () => textCandidates(2000, true),
    author: () => textCandidates(255, true),
    firstCommitAt: () => instantCandidates(true),
    openedAt: () => instantCandidates(true),
    firstReviewAt: () => instantCandidates(true),
    approvedAt: () => instantCandidates(true),
    mergedAt: () => instantCandidates(true),
    mergeCommitSha: () => textCandidates(255, true),
    additions: () => countCandidates,
    deletions: () => countCandidates,
    reviewCount: () => countCandidates,
    revertOf: () => textCandidates(255, true),
    labels: arrayCandidates,
  },
  incident: {
    source: () => textCandidates(255, false),
    id: () => textCandidates(255, false),
    entityRef: () => entityRefCandidates('incident'),
    serviceId: () => [
      ...textCandidates(255, true),
      ok('PPAY'),
      ok('PIOS'),
      maybe('ppay'),
    ],
    title: () => textCandidates(2000, true),
    openedAt: () => instantCandidates(false),
    resolvedAt: () => instantCandidates(true),
    severity: () => textCandidates(64, true),
    deploymentId: () => textCandidates(255, true),
    changeId: () => textCandidates(255, true),
    causedByDeployment: () => [
      ok(true),
      ok(false),
      ok(null),
      ok(OMIT),
      bad('yes'),
      bad('true'),
      bad(0),
      bad(1),
    ],
  },
};

/** Replacing the kind, or the whole event. */
const WHOLE_EVENT: Candidate[] = [
  bad({ kind: 'build' }),
  bad({ kind: 'Deployment' }),
  bad({ kind: null }),
  bad({ kind: OMIT }),
  bad(null),
  bad('deploy!'),
  bad(42),
  bad([]),
];

interface EventCase {
  event: unknown;
  verdict: Verdict;
  mutations: string[];
}

interface BodyCase {
  /** What is sent: a batch, or something else. */
  shape:
    | 'batch'
    | 'array body'
    | 'events object'
    | 'events null'
    | 'no events'
    | 'event arrays'
    | 'too many events'
    | 'over the size limit'
    | 'not JSON'
    | 'JSON string';
  events: EventCase[];
  /** Appended: the first event again, under another entity. */
  duplicate: boolean;
  window: Json;
}

// Base events: valid, in 2024, with small pools of ids so that batches
// update and move each other's events.
const MS_2024 = Date.parse('2024-01-01T00:00:00Z');
const instantIn2024 = fc
  .integer({ min: 0, max: 365 * 86_400 - 1 })
  .map(s => new Date(MS_2024 + s * 1000).toISOString());
const hours = fc.integer({ min: 0, max: 96 });
const plus = (iso: string, h: number) =>
  new Date(Date.parse(iso) + h * 3_600_000).toISOString();

const deploymentBase = fc
  .record({
    source: fc.constantFrom('ci', 'argo'),
    id: fc.constantFrom(...Array.from({ length: 8 }, (_, i) => `d${i}`)),
    entityRef: fc.constantFrom(...CATALOG_REFS, 'pay-api'),
    environment: fc.constantFrom('production', 'prod', 'staging'),
    status: fc.constantFrom('success', 'success', 'failure', 'aborted'),
    finishedAt: instantIn2024,
    took: hours,
    changeIds: fc.subarray(['c0', 'c1', 'c2', 'c3']),
    deploymentKind: fc.constantFrom('normal', 'hotfix', 'rollback', null),
  })
  .map(({ took, ...d }): Json => ({
    kind: 'deployment',
    ...d,
    startedAt: plus(d.finishedAt, -took / 10),
  }));

const changeBase = fc
  .record({
    id: fc.constantFrom(...Array.from({ length: 6 }, (_, i) => `c${i}`)),
    target: fc.constantFrom<[string, string]>(
      ['entityRef', CATALOG_REFS[0]],
      ['entityRef', CATALOG_REFS[1]],
      ['entityRef', CATALOG_REFS[2]],
      ['entityRef', 'ios-app'],
      ['repository', 'acme/pay-api'],
      ['repository', 'acme/search'],
    ),
    firstCommitAt: instantIn2024,
    steps: fc.tuple(hours, hours, hours, hours),
    merged: fc.boolean(),
    additions: fc.nat({ max: 5000 }),
    deletions: fc.nat({ max: 5000 }),
    reviewCount: fc.nat({ max: 5 }),
  })
  .map(({ target, steps, merged, firstCommitAt, ...c }): Json => {
    const openedAt = plus(firstCommitAt, steps[0]);
    const firstReviewAt = plus(openedAt, steps[1]);
    const approvedAt = plus(firstReviewAt, steps[2]);
    return {
      kind: 'change',
      source: 'github',
      ...c,
      [target[0]]: target[1],
      number: Number(c.id.slice(1)) + 1,
      title: `Change ${c.id}`,
      author: 'dev',
      firstCommitAt,
      openedAt,
      firstReviewAt,
      approvedAt,
      mergedAt: merged ? plus(approvedAt, steps[3]) : null,
      labels: ['fuzz'],
    };
  });

const incidentBase = fc
  .record({
    id: fc.constantFrom('i0', 'i1', 'i2', 'i3'),
    target: fc.constantFrom<[string, string]>(
      ['entityRef', CATALOG_REFS[0]],
      ['entityRef', CATALOG_REFS[3]],
      ['serviceId', 'PPAY'],
      ['serviceId', 'PIOS'],
    ),
    openedAt: instantIn2024,
    took: fc.option(hours, { nil: null }),
    causedByDeployment: fc.constantFrom(true, false, null),
  })
  .map(({ target, took, ...i }): Json => ({
    kind: 'incident',
    source: 'pagerduty',
    ...i,
    [target[0]]: target[1],
    title: 'Errors',
    severity: 'SEV2',
    resolvedAt: took === null ? null : plus(i.openedAt, took),
  }));

/** A change or incident without entityRef names its entity through the catalog. */
function resolution(event: Json): Verdict {
  if (event.entityRef !== undefined && event.entityRef !== null) {
    return 'valid';
  }
  if (event.kind === 'change') {
    if (typeof event.repository !== 'string') return 'invalid';
    if (REPOSITORIES[event.repository]) return 'valid';
    return REPOSITORIES[event.repository.toLowerCase()] ? 'either' : 'invalid';
  }
  if (event.kind === 'incident') {
    if (typeof event.serviceId !== 'string') return 'invalid';
    if (SERVICE_IDS[event.serviceId]) return 'valid';
    return SERVICE_IDS[event.serviceId.toUpperCase()] ? 'either' : 'invalid';
  }
  return 'valid';
}

function mutate(base: Json, mutations: [string, Candidate][]): EventCase {
  const byField = new Map(mutations);
  const whole = byField.get('*');
  byField.delete('*');
  let event: unknown = { ...base };
  const verdicts: Verdict[] = [];
  for (const [field, { value, verdict }] of byField) {
    const target = event as Json;
    if (value === OMIT) delete target[field];
    else target[field] = value;
    verdicts.push(verdict);
  }
  if (whole) {
    const { value } = whole;
    event =
      value && typeof value === 'object' && !Array.isArray(value)
        ? { ...(event as Json), ...value }
        : value;
    if ((event as Json | null)?.kind === OMIT) delete (event as Json).kind;
    verdicts.push(whole.verdict);
  } else {
    verdicts.push(resolution(event as Json));
  }
  return {
    event,
    verdict: worst(verdicts),
    mutations: mutations.map(([field]) => field),
  };
}

const mutation = (base: Json): fc.Arbitrary<[string, Candidate]> => {
  const fields = FIELDS[base.kind as string];
  return fc
    .oneof(
      { weight: 20, arbitrary: fc.constantFrom(...Object.keys(fields)) },
      { weight: 1, arbitrary: fc.constant('*') },
    )
    .chain(field =>
      fc
        .constantFrom(...(field === '*' ? WHOLE_EVENT : fields[field]()))
        .map((candidate): [string, Candidate] => [field, candidate]),
    );
};

const eventCase: fc.Arbitrary<EventCase> = fc
  .oneof(deploymentBase, changeBase, incidentBase)
  .chain(base =>
    fc
      .oneof(
        { weight: 7, arbitrary: fc.constant([]) },
        {
          weight: 3,
          arbitrary: fc.array(mutation(base), { minLength: 1, maxLength: 1 }),
        },
        {
          weight: 1,
          arbitrary: fc.array(mutation(base), { minLength: 2, maxLength: 3 }),
        },
      )
      .map(mutations => mutate(base, mutations)),
  );

const windowArb: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  { from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z', bucket: 'month' },
  {
    from: '2024-03-01T00:00:00Z',
    to: '2024-04-15T00:00:00Z',
    timezone: 'America/St_Johns',
    bucket: 'day',
  },
  {
    from: '2024-05-01T00:00:00+14:00',
    to: '2024-07-01T00:00:00Z',
    timezone: 'Pacific/Kiritimati',
    bucket: 'week',
  },
  { from: '1970-01-01T00:00:00Z', to: '1971-01-01T00:00:00Z' },
  { from: '2099-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', bucket: 'day' },
  {},
);

const bodyCase: fc.Arbitrary<BodyCase> = fc.record({
  shape: fc.oneof(
    { weight: 40, arbitrary: fc.constant<BodyCase['shape']>('batch') },
    {
      weight: 4,
      arbitrary: fc.constantFrom<BodyCase['shape']>(
        'array body',
        'events object',
        'events null',
        'no events',
        'event arrays',
        'too many events',
        'over the size limit',
        'not JSON',
        'JSON string',
      ),
    },
  ),
  events: fc.array(eventCase, { minLength: 1, maxLength: 5 }),
  duplicate: fc.oneof(
    { weight: 1, arbitrary: fc.constant(true) },
    { weight: 6, arbitrary: fc.constant(false) },
  ),
  window: windowArb,
});

// ---------------------------------------------------------------------------
// Sending, and what a request must answer

interface Sent {
  body: unknown;
  raw?: string;
  expected: 'ok' | 'refused' | 'either';
  /** The events, when a 200 is possible. */
  events: Json[];
}

function keyOf(event: unknown): string | undefined {
  const e = event as Json | null;
  if (!e || typeof e !== 'object') return undefined;
  const { kind, source, id } = e;
  if ([kind, source, id].every(v => typeof v === 'string')) {
    return JSON.stringify([kind, source, id]);
  }
  return undefined;
}

/**
 * Whether the batch repeats an event's (kind, source, id): only changes
 * that each name a different entity may share it (a monorepo's change).
 */
function repeatsAKey(events: unknown[]): boolean {
  const copies = new Map<string, (string | null)[]>();
  for (const event of events) {
    const key = keyOf(event);
    if (!key) continue;
    const e = event as Json;
    const entity =
      e.kind === 'change' && typeof e.entityRef === 'string' && e.entityRef
        ? e.entityRef.toLocaleLowerCase('en-US')
        : null;
    copies.set(key, [...(copies.get(key) ?? []), entity]);
  }
  return [...copies.values()].some(
    entities =>
      entities.length > 1 &&
      (entities.includes(null) || new Set(entities).size < entities.length),
  );
}

const EXPECTED: Record<Verdict, Sent['expected']> = {
  valid: 'ok',
  invalid: 'refused',
  either: 'either',
};

function toSend(c: BodyCase): Sent {
  const events = c.events.map(e => e.event);
  if (c.duplicate && keyOf(events[0])) {
    events.push({ ...(events[0] as Json), entityRef: CATALOG_REFS[3] });
  }
  const verdict = worst([
    ...c.events.map(e => e.verdict),
    repeatsAKey(events) ? 'invalid' : 'valid',
  ]);
  const expected = EXPECTED[verdict];
  const refused = (body: unknown, raw?: string): Sent => ({
    body,
    raw,
    expected: 'refused',
    events: [],
  });
  switch (c.shape) {
    case 'array body':
      return refused(events);
    case 'events object':
      return refused({ events: { ...events } });
    case 'events null':
      return refused({ events: null });
    case 'no events':
      return refused({ event: events });
    case 'event arrays':
      return refused({ events: events.map(e => [e]) });
    case 'too many events':
      return refused({
        events: Array.from({ length: MAX_EVENTS + 1 }, (_, i) => ({
          ...(events[0] as Json),
          id: `many-${i}`,
        })),
      });
    case 'over the size limit':
      return refused({
        events: [{ ...(events[0] as Json), title: 'x'.repeat(1_100_000) }],
      });
    case 'not JSON':
      return refused(undefined, JSON.stringify({ events }).slice(0, -2));
    case 'JSON string':
      return refused(undefined, JSON.stringify(JSON.stringify({ events })));
    default:
      return { body: { events }, expected, events: events as Json[] };
  }
}

/** Short enough to read in a failure message. */
function show(value: unknown, max = 1500): string {
  const text = JSON.stringify(value, (_key, v) =>
    typeof v === 'string' && v.length > 80
      ? `${v.slice(0, 40)}…(${v.length} chars)`
      : v,
  );
  return text && text.length > max ? `${text.slice(0, max)}…` : text;
}

const TABLES = ['dora_deployments', 'dora_changes', 'dora_incidents'];
const TABLE_OF: Record<string, string> = {
  deployment: 'dora_deployments',
  change: 'dora_changes',
  incident: 'dora_incidents',
};

async function snapshot(knex: Knex): Promise<string> {
  const tables: Record<string, string[]> = {};
  for (const table of TABLES) {
    tables[table] = (await knex(table).select())
      .map(row => JSON.stringify(row))
      .sort();
  }
  return JSON.stringify(tables);
}

function expectedEntity(event: Json): string | undefined {
  if (typeof event.entityRef === 'string') {
    return normalizeEntityRef(event.entityRef);
  }
  if (event.kind === 'change') {
    return REPOSITORIES[event.repository as string];
  }
  return SERVICE_IDS[event.serviceId as string];
}

const COUNTS: Record<string, string> = {
  number: 'number',
  additions: 'additions',
  deletions: 'deletions',
  reviewCount: 'review_count',
};

/** What a stored row differs in from the event sent, if anything. */
async function storedDifferences(knex: Knex, event: Json): Promise<string[]> {
  const entity = expectedEntity(event);
  // A change is stored once per entity (monorepos): read its entity's row.
  const row = await knex(TABLE_OF[event.kind as string])
    .where({ source: event.source, id: event.id })
    .modify(q => {
      if (event.kind === 'change' && entity) q.where('entity_ref', entity);
    })
    .first();
  if (!row) return [`${keyOf(event)} is not stored`];
  const problems: string[] = [];
  if (entity !== undefined && row.entity_ref !== entity) {
    problems.push(
      `entity_ref ${show(row.entity_ref)}, sent for ${show(entity)}`,
    );
  }
  if (event.kind === 'change') {
    for (const [field, column] of Object.entries(COUNTS)) {
      const sent = event[field] ?? null;
      const stored = row[column] === null ? null : Number(row[column]);
      if (stored !== sent) {
        problems.push(`${column} ${stored}, sent ${show(sent)}`);
      }
    }
  }
  if (
    event.kind !== 'deployment' &&
    (row.title ?? null) !== (event.title ?? null)
  ) {
    problems.push(`title ${show(row.title)}, sent ${show(event.title)}`);
  }
  return problems.map(p => `${keyOf(event)}: ${p}`);
}

describe.each(databases.eachSupportedId())(
  'hostile ingest input on %s',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startDoraBackend>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startDoraBackend({
        knex,
        entities: catalog,
        config: {
          dora: { ingest: { maxEvents: MAX_EVENTS, maxBodySize: '1mb' } },
        },
      });
    });

    /** Every read of the catalog's entities and groups (and the batch's other entities). */
    async function readEverything(
      window: Json,
      otherEntities: string[],
    ): Promise<string[]> {
      const problems: string[] = [];
      const get = async (path: string, query: Json, want: 'ok' | 'no5xx') => {
        const res = await request(server)
          .get(path)
          .set('Authorization', user)
          .query(query);
        const fine = want === 'ok' ? res.status === 200 : res.status < 500;
        if (!fine) {
          problems.push(
            `GET ${path} ${show(query)} answered ${res.status} ${show(res.body, 600)}`,
          );
        }
      };
      for (const entityRef of CATALOG_REFS) {
        await get('/api/dora/v1/metrics', { entityRef, ...window }, 'ok');
        await get(
          '/api/dora/v1/events',
          { entityRef, limit: 100, ...window },
          'ok',
        );
      }
      for (const name of GROUPS) {
        await get(`/api/dora/v1/groups/default/${name}/metrics`, window, 'ok');
      }
      await get(
        '/api/dora/v1/events',
        { groupRef: 'group:default/org', ...window },
        'ok',
      );
      for (const entityRef of otherEntities) {
        await get('/api/dora/v1/metrics', { entityRef, ...window }, 'no5xx');
        await get('/api/dora/v1/events', { entityRef, ...window }, 'no5xx');
      }
      return problems;
    }

    it('answers 200 or 4xx to every batch, stores all or nothing, and keeps every read answering', async () => {
      const answered: Record<string, number> = {};

      const property = fc.asyncProperty(bodyCase, async c => {
        const sent = toSend(c);
        const before = await snapshot(knex);
        let post = request(server)
          .post('/api/dora/v1/events')
          .set('Authorization', service);
        if (sent.raw !== undefined) {
          post = post.set('Content-Type', 'application/json');
        }
        const res = await post.send((sent.raw ?? sent.body) as object);
        answered[res.status] = (answered[res.status] ?? 0) + 1;
        const context = `expected ${sent.expected}, answered ${res.status} ${show(res.body, 1000)}\nbody: ${show(sent.raw ?? sent.body)}`;

        if (res.status >= 500 || res.status < 200) {
          throw new Error(`5xx to a POST: ${context}`);
        }
        if (res.status !== 200) {
          if (res.status !== 400 && res.status !== 413) {
            throw new Error(`unexpected status: ${context}`);
          }
          if (sent.expected === 'ok') {
            throw new Error(`valid batch refused: ${context}`);
          }
          if ((await snapshot(knex)) !== before) {
            throw new Error(
              `a refused batch changed stored events: ${context}`,
            );
          }
          return;
        }
        if (sent.expected === 'refused') {
          throw new Error(`invalid batch accepted: ${context}`);
        }
        if (res.body.accepted !== sent.events.length) {
          throw new Error(
            `accepted ${res.body.accepted} of ${sent.events.length}: ${context}`,
          );
        }
        const stored = (
          await Promise.all(sent.events.map(e => storedDifferences(knex, e)))
        ).flat();
        const others = [
          ...new Set(sent.events.map(expectedEntity).filter(Boolean)),
        ].filter(ref => !CATALOG_REFS.includes(ref!)) as string[];
        const now = await readEverything(c.window, others);
        await waitForFacts(server);
        const built = await readEverything(c.window, others);
        const problems = [
          ...stored.map(p => `stored: ${p}`),
          ...now.map(p => `right after: ${p}`),
          ...built.map(p => `facts built: ${p}`),
        ];
        if (problems.length) {
          throw new Error(`${problems.join('\n')}\n${context}`);
        }
      });

      await fc.assert(property, { seed: SEED, numRuns: NUM_RUNS });

      if (process.env.DORA_FUZZ_LOG) {
        // eslint-disable-next-line no-console
        console.log(`${databaseId}: answered ${JSON.stringify(answered)}`);
      }
      // Not vacuous: both outcomes were seen often.
      const refused = (answered[400] ?? 0) + (answered[413] ?? 0);
      expect(answered[200]).toBeGreaterThanOrEqual(NUM_RUNS / 5);
      expect(refused).toBeGreaterThanOrEqual(NUM_RUNS / 5);
    });
  },
);
