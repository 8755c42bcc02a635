import {
  EARLIEST_INSTANT,
  LATEST_INSTANT,
  MAX_COUNT,
  MAX_URL_LENGTH,
  acceptedUrl,
  isStorableText,
} from './schemas';
import { validateEvent, validateEventBatch } from './validateEvents';

// The three examples of the HTTP contract (api.md), verbatim.
const apiDeployment = {
  kind: 'deployment',
  source: 'github-actions',
  id: 'run-8812',
  entityRef: 'component:default/payments-api',
  environment: 'production',
  status: 'success',
  startedAt: '2026-03-02T10:00:00Z',
  finishedAt: '2026-03-02T10:07:00Z',
  version: 'v1.4.2',
  commitSha: '9f1c...',
  changeIds: ['pr-481'],
  rollbackOf: null,
  deploymentKind: 'normal',
};

const apiChange = {
  kind: 'change',
  source: 'github',
  id: 'pr-481',
  entityRef: 'component:default/payments-api',
  repository: 'acme/payments-api',
  number: 481,
  title: 'Retry card auth',
  author: 'jdoe',
  firstCommitAt: '2026-03-01T08:00:00Z',
  openedAt: '2026-03-01T09:00:00Z',
  firstReviewAt: '2026-03-01T11:00:00Z',
  approvedAt: '2026-03-01T12:00:00Z',
  mergedAt: '2026-03-01T13:00:00Z',
  mergeCommitSha: '9f1c...',
  additions: 120,
  deletions: 30,
  reviewCount: 2,
  revertOf: null,
  labels: [],
};

const apiIncident = {
  kind: 'incident',
  source: 'pagerduty',
  id: 'Q1W2E3R4',
  entityRef: 'component:default/payments-api',
  title: 'Card auth errors',
  openedAt: '2026-03-02T10:30:00Z',
  resolvedAt: '2026-03-02T11:10:00Z',
  severity: 'SEV2',
  deploymentId: null,
  changeId: null,
  causedByDeployment: null,
};

/** The single problem message of an event expected to be refused. */
function problemOf(raw: unknown, index = 0): string {
  const result = validateEvent(raw, index);
  if (!('problem' in result)) {
    throw new Error(`expected a problem, got ${JSON.stringify(result)}`);
  }
  expect(result.problem.index).toBe(index);
  return result.problem.message;
}

describe('validateEvent', () => {
  it.each([
    ['deployment', apiDeployment],
    ['change', apiChange],
    ['incident', apiIncident],
  ])('accepts the api.md example of a %s event as it is', (_kind, raw) => {
    expect(validateEvent(raw, 0)).toEqual({ event: raw });
  });

  it('accepts a minimal event of each kind with only the required fields', () => {
    for (const raw of [
      {
        kind: 'deployment',
        source: 'ci',
        id: 'd1',
        entityRef: 'component:default/a',
        environment: 'production',
        status: 'failure',
        finishedAt: '2026-03-02T10:07:00+01:00',
      },
      {
        kind: 'change',
        source: 'github',
        id: 'c1',
        entityRef: 'component:default/a',
      },
      {
        kind: 'incident',
        source: 'pagerduty',
        id: 'i1',
        entityRef: 'component:default/a',
        openedAt: '2026-03-02T10:30:00.123Z',
      },
    ]) {
      expect(validateEvent(raw, 0)).toEqual({ event: raw });
    }
  });

  it('accepts null for every optional field', () => {
    const deployment = {
      ...apiDeployment,
      startedAt: null,
      version: null,
      commitSha: null,
      changeIds: null,
      rollbackOf: null,
      deploymentKind: null,
    };
    expect(validateEvent(deployment, 0)).toEqual({ event: deployment });
    const change = {
      kind: 'change',
      source: 'github',
      id: 'c1',
      entityRef: null,
      repository: 'acme/payments-api',
      number: null,
      title: null,
      author: null,
      firstCommitAt: null,
      openedAt: null,
      firstReviewAt: null,
      approvedAt: null,
      mergedAt: null,
      mergeCommitSha: null,
      additions: null,
      deletions: null,
      reviewCount: null,
      revertOf: null,
      labels: null,
    };
    expect(validateEvent(change, 0)).toEqual({ event: change });
    const incident = { ...apiIncident, resolvedAt: null, severity: null };
    expect(validateEvent(incident, 0)).toEqual({ event: incident });
  });

  it('drops unknown fields', () => {
    const result = validateEvent(
      { ...apiDeployment, pipelineUrl: 'https://ci.example/1', extra: 1 },
      0,
    );
    expect(result).toEqual({ event: apiDeployment });
  });

  it('names the event index, kind, id and field in the message of a missing field', () => {
    const { finishedAt: _omitted, ...raw } = apiDeployment;
    const message = problemOf(raw, 7);
    expect(message).toContain('event 7');
    expect(message).toContain('deployment');
    expect(message).toContain('"run-8812"');
    expect(message).toContain('finishedAt');
  });

  it('names every bad field of one event in its message', () => {
    const message = problemOf(
      { ...apiDeployment, status: 'ok', deploymentKind: 'canary' },
      3,
    );
    expect(message).toContain('event 3');
    expect(message).toContain('status');
    expect(message).toContain('success, failure, aborted');
    expect(message).toContain('deploymentKind');
  });

  it('refuses an instant without an offset, naming the field', () => {
    const message = problemOf(
      { ...apiIncident, openedAt: '2026-03-02T10:30:00' },
      2,
    );
    expect(message).toContain('event 2');
    expect(message).toContain('incident "Q1W2E3R4"');
    expect(message).toContain('openedAt');
    expect(message).toContain('offset');
  });

  it('refuses an optional instant that is not ISO-8601', () => {
    const message = problemOf({ ...apiChange, mergedAt: 'yesterday' });
    expect(message).toContain('change "pr-481"');
    expect(message).toContain('mergedAt');
  });

  it('refuses a date that does not exist', () => {
    expect(
      problemOf({ ...apiChange, mergedAt: '2026-02-30T13:00:00Z' }),
    ).toContain('mergedAt');
  });

  it('refuses an unknown kind and lists the known ones', () => {
    const message = problemOf({ ...apiDeployment, kind: 'build' }, 4);
    expect(message).toContain('event 4');
    expect(message).toContain('build');
    expect(message).toContain('"run-8812"');
    expect(message).toMatch(/kind must be one of deployment, change, incident/);
  });

  it('refuses an event without a kind', () => {
    const { kind: _omitted, ...raw } = apiIncident;
    expect(problemOf(raw, 1)).toContain('kind must be one of');
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['a string', 'deployment'],
    ['an array', [apiDeployment]],
  ])('refuses %s as an event, naming its index', (_what, raw) => {
    const message = problemOf(raw, 5);
    expect(message).toContain('event 5');
    expect(message).toContain('must be an object');
  });

  it('refuses a change with neither entityRef nor repository', () => {
    const { entityRef: _e, repository: _r, ...raw } = apiChange;
    const message = problemOf(raw);
    expect(message).toContain('change "pr-481"');
    expect(message).toContain('entityRef');
  });

  it('accepts a change with a repository instead of an entityRef', () => {
    const { entityRef: _e, ...raw } = apiChange;
    expect(validateEvent(raw, 0)).toEqual({ event: raw });
  });

  it('refuses an incident with neither entityRef nor serviceId', () => {
    const { entityRef: _e, ...raw } = apiIncident;
    expect(problemOf(raw)).toContain('entityRef');
    expect(validateEvent({ ...raw, serviceId: 'PX1234' }, 0)).toEqual({
      event: { ...raw, serviceId: 'PX1234' },
    });
  });

  it('refuses a deployment without an entityRef', () => {
    const { entityRef: _e, ...raw } = apiDeployment;
    expect(problemOf(raw)).toContain('entityRef');
  });

  it('refuses negative or fractional counts and empty strings', () => {
    expect(problemOf({ ...apiChange, additions: -1 })).toContain('additions');
    expect(problemOf({ ...apiChange, reviewCount: 1.5 })).toContain(
      'reviewCount',
    );
    expect(problemOf({ ...apiChange, source: '' })).toContain('source');
  });

  it('refuses a causedByDeployment that is not a boolean', () => {
    expect(problemOf({ ...apiIncident, causedByDeployment: 'yes' })).toContain(
      'causedByDeployment',
    );
  });

  it('accepts an http or https url on every kind, and null', () => {
    for (const [event, url] of [
      [apiDeployment, 'https://github.com/acme/payments-api/actions/runs/8812'],
      [apiChange, 'https://github.com/acme/payments-api/pull/481'],
      [apiIncident, 'http://pagerduty.example/incidents/PD-1'],
      [apiIncident, null],
    ] as const) {
      expect(validateEvent({ ...event, url }, 0)).toEqual({
        event: { ...event, url },
      });
    }
  });

  it('refuses a url that is not http or https, naming the field', () => {
    for (const url of [
      'data:text/html,hello',
      'ftp://example.com/run/1',
      '/relative/path',
      'not a url',
      '',
      42,
    ]) {
      const message = problemOf({ ...apiChange, url });
      expect(message).toContain('url');
    }
    expect(problemOf({ ...apiDeployment, url: 'mailto:a@b.c' })).toContain(
      'url must be an http or https URL',
    );
  });

  it('acceptedUrl keeps exactly the links the schemas accept', () => {
    for (const value of [
      'https://github.com/acme/app/pull/1',
      'http://ci.example/run/2',
      'ftp://ci.example/run/2',
      'data:text/html,hello',
      `https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`,
      '',
      null,
      undefined,
      7,
    ]) {
      const accepted =
        'event' in validateEvent({ ...apiChange, url: value }, 0);
      expect({ value, kept: acceptedUrl(value) }).toEqual({
        value,
        kept: accepted && typeof value === 'string' && value ? value : null,
      });
    }
  });

  it(`refuses a url over ${MAX_URL_LENGTH} characters`, () => {
    const base = 'https://example.com/';
    const longest = base + 'a'.repeat(MAX_URL_LENGTH - base.length);
    expect(validateEvent({ ...apiIncident, url: longest }, 0)).toEqual({
      event: { ...apiIncident, url: longest },
    });
    expect(problemOf({ ...apiIncident, url: `${longest}a` })).toContain(
      `url must be at most ${MAX_URL_LENGTH} characters`,
    );
  });
});

describe('validateEventBatch', () => {
  it('accepts a batch of valid events, in order', () => {
    expect(validateEventBatch([apiDeployment, apiChange, apiIncident])).toEqual(
      { ok: true, events: [apiDeployment, apiChange, apiIncident] },
    );
  });

  it('accepts an empty batch', () => {
    expect(validateEventBatch([])).toEqual({ ok: true, events: [] });
  });

  it('refuses the whole batch when one event is invalid, and reports every problem with its index', () => {
    const result = validateEventBatch([
      apiDeployment,
      { ...apiChange, mergedAt: 'soon' },
      apiIncident,
      'not an event',
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect('events' in result).toBe(false);
    expect(result.problems.map(p => p.index)).toEqual([1, 3]);
    expect(result.problems[0].message).toContain('event 1');
    expect(result.problems[1].message).toContain('event 3');
  });

  it('refuses an event that repeats the (kind, source, id) of an earlier one in the same batch', () => {
    const result = validateEventBatch([
      apiDeployment,
      apiChange,
      { ...apiDeployment, status: 'failure' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].index).toBe(2);
    expect(result.problems[0].message).toContain('event 2');
    expect(result.problems[0].message).toContain('"run-8812"');
    expect(result.problems[0].message).toContain('event 0');
  });

  it('accepts a change once per entity it belongs to (a monorepo), and refuses it twice for one entity', () => {
    const forEntity = (entityRef: string) => ({ ...apiChange, entityRef });
    const shared = validateEventBatch([
      forEntity('component:default/billing'),
      forEntity('component:default/search'),
    ]);
    expect(shared.ok).toBe(true);
    const twice = validateEventBatch([
      forEntity('component:default/billing'),
      forEntity('Component:default/Billing'),
    ]);
    expect(twice.ok).toBe(false);
    if (twice.ok) return;
    expect(twice.problems.map(p => p.index)).toEqual([1]);
    // A copy resolved from the catalog (no entityRef) may not repeat.
    const unnamed = validateEventBatch([
      { ...apiChange, entityRef: undefined, repository: 'acme/api' },
      forEntity('component:default/search'),
    ]);
    expect(unnamed.ok).toBe(false);
  });

  it('accepts the same id from another source or of another kind', () => {
    const result = validateEventBatch([
      apiDeployment,
      { ...apiDeployment, source: 'jenkins' },
      { ...apiIncident, id: 'run-8812' },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events).toHaveLength(3);
  });
});

describe('validateEvent: values both databases store the same way', () => {
  const escape = (value: string) =>
    value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  /** A message of event 0 naming the field, then its rule. */
  const naming = (field: string, rule: RegExp) =>
    new RegExp(`^event 0\\b.*: ${escape(field)} ${rule.source}`, 's');
  const text = /must not contain NUL characters or unpaired UTF-16 surrogates/;
  const count = /must be at most 2147483647/;
  const instant = /must be an ISO-8601 instant .*between 1970 and 2099/;

  it('exports the limits it checks', () => {
    expect(MAX_COUNT).toBe(2 ** 31 - 1);
    expect(EARLIEST_INSTANT).toBe('1970-01-01T00:00:00Z');
    expect(LATEST_INSTANT).toBe('2100-01-01T00:00:00Z');
  });

  it('refuses a NUL character in an item of changeIds, naming the item', () => {
    expect(
      problemOf({ ...apiDeployment, changeIds: ['pr-1', 'pr\u00002'] }),
    ).toMatch(naming('changeIds.1', text));
  });

  it.each([
    ['a lone high surrogate', 'run-\uD800'],
    ['a lone low surrogate', '\uDC00run'],
    ['a pair in the wrong order', 'run-\uDC00\uD800'],
    ['a high surrogate at the very end', 'run-8812\uDBFF'],
  ])('refuses %s in id', (_what, id) => {
    expect(problemOf({ ...apiDeployment, id })).toMatch(naming('id', text));
  });

  it.each([
    ['source', { ...apiIncident, source: 'pager\u0000duty' }],
    ['entityRef', { ...apiIncident, entityRef: 'component:default/a\uD800' }],
    ['title', { ...apiChange, title: 'Retry\u0000' }],
    ['labels.0', { ...apiChange, labels: ['\uDFFF'] }],
    ['environment', { ...apiDeployment, environment: '\u0000' }],
  ])('refuses NUL or a lone surrogate in %s', (field, raw) => {
    expect(problemOf(raw)).toMatch(naming(field, text));
  });

  it('refuses a count over 2147483647, however it is written', () => {
    expect(problemOf({ ...apiChange, additions: 2147483648 })).toMatch(
      naming('additions', count),
    );
    expect(problemOf({ ...apiChange, reviewCount: 1e308 })).toMatch(
      naming('reviewCount', count),
    );
    expect(problemOf({ ...apiChange, number: 2 ** 53 })).toMatch(
      naming('number', count),
    );
    expect(problemOf({ ...apiChange, deletions: Number.MAX_VALUE })).toMatch(
      naming('deletions', count),
    );
  });

  it('refuses counts that are not finite whole numbers', () => {
    expect(problemOf({ ...apiChange, additions: 0.5 })).toMatch(
      naming('additions', /must be a whole number/),
    );
    expect(problemOf({ ...apiChange, additions: '12' })).toMatch(
      naming('additions', /must be a number/),
    );
    expect(problemOf({ ...apiChange, deletions: -0.5 })).toMatch(
      naming('deletions', /must (be a whole number|not be negative)/),
    );
  });

  it('accepts 2147483647 and 0 in every count', () => {
    const raw = {
      ...apiChange,
      number: 2147483647,
      additions: 2147483647,
      deletions: 0,
      reviewCount: 2147483647,
    };
    expect(validateEvent(raw, 0)).toEqual({ event: raw });
  });

  it.each([
    ['year 0', '0000-01-01T00:00:00Z'],
    ['year 1', '0001-01-01T00:00:00Z'],
    ['year 1000', '1000-01-01T00:00:00Z'],
    ['the last second of 1969', '1969-12-31T23:59:59Z'],
    ['1970 written as 1969 in a later offset', '1970-01-01T00:59:59+01:00'],
    ['the first instant of 2100', '2100-01-01T00:00:00Z'],
    ['2100 written as 2099 in an earlier offset', '2099-12-31T23:00:00-01:00'],
    ['year 9999', '9999-12-31T23:59:59Z'],
  ])('refuses an instant: %s', (_what, finishedAt) => {
    expect(problemOf({ ...apiDeployment, finishedAt })).toMatch(
      naming('finishedAt', instant),
    );
  });

  it('refuses an instant out of range in an optional field too', () => {
    expect(
      problemOf({ ...apiChange, mergedAt: '1000-01-01T00:00:00Z' }),
    ).toMatch(naming('mergedAt', instant));
    expect(
      problemOf({ ...apiIncident, resolvedAt: '2100-01-01T00:00:00Z' }),
    ).toMatch(naming('resolvedAt', instant));
  });

  it.each([
    ['the first instant of 1970', '1970-01-01T00:00:00Z'],
    ['the last second of 2099', '2099-12-31T23:59:59Z'],
    ['the last millisecond of 2099', '2099-12-31T23:59:59.999Z'],
    ['1970 written in an earlier offset', '1969-12-31T23:00:00-01:00'],
    ['a leap day', '2024-02-29T12:00:00Z'],
  ])('accepts an instant: %s', (_what, finishedAt) => {
    const raw = { ...apiDeployment, finishedAt };
    expect(validateEvent(raw, 0)).toEqual({ event: raw });
  });

  it('accepts astral characters (surrogate pairs) in text', () => {
    for (const raw of [
      { ...apiChange, title: 'Ship it 🚀 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', author: '😀' },
      { ...apiDeployment, id: 'run-🚀', changeIds: ['pr-🐛'] },
    ]) {
      expect(validateEvent(raw, 0)).toEqual({ event: raw });
    }
  });

  it('refuses text over its maximum length, naming the field', () => {
    expect(problemOf({ ...apiDeployment, id: 'x'.repeat(256) })).toMatch(
      naming('id', /must be at most 255 characters/),
    );
    expect(problemOf({ ...apiChange, title: 't'.repeat(2001) })).toMatch(
      naming('title', /must be at most 2000 characters/),
    );
    expect(
      problemOf({
        ...apiDeployment,
        entityRef: `component:default/${'a'.repeat(600)}`,
      }),
    ).toMatch(naming('entityRef', /must be at most 512 characters/));
    for (const raw of [
      { ...apiDeployment, id: 'x'.repeat(255) },
      { ...apiChange, title: 't'.repeat(2000) },
    ]) {
      expect(validateEvent(raw, 0)).toEqual({ event: raw });
    }
  });

  it('refuses the whole batch for one such value and names its index', () => {
    const result = validateEventBatch([
      apiDeployment,
      { ...apiChange, additions: 2147483648 },
      apiIncident,
    ]);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          index: 1,
          message: expect.stringMatching(/additions must be at most/),
        },
      ],
    });
  });
});

describe('isStorableText', () => {
  it.each([
    ['plain text', 'payments-api', true],
    ['the empty string', '', true],
    ['an emoji (a surrogate pair)', 'a🚀b', true],
    ['other control characters', '\u0001\t\n\u007f', true],
    ['U+FFFD', '\uFFFD', true],
    ['NUL', 'a\u0000b', false],
    ['a lone high surrogate', '\uD800', false],
    ['a lone low surrogate', '\uDC00', false],
    ['a reversed pair', '\uDC00\uD800', false],
    ['two high surrogates', '\uD800\uD800\uDC00', false],
  ])('%s', (_what, value, storable) => {
    expect(isStorableText(value)).toBe(storable);
  });
});
