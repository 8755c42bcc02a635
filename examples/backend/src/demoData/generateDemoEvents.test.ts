import fs from 'fs';
import path from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import {
  DoraEvent,
  computeEntityMetrics,
  productionEnvironmentsAmong,
  resolveSettings,
  validateEventBatch,
} from '@dora-metrics/plugin-dora-common';
import { DemoDataProvider } from './demoDataModule';
import { IngestRefusedError } from './httpEventSink';
import { DemoEvent } from './demoEvents';
import { generateDemoEvents } from './generateDemoEvents';
import { entityRefOf } from './profileFacts';
import { serviceProfiles } from './profiles';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-03-01T00:00:00Z');
const FROM = NOW.getTime() - 365 * DAY;
const CATALOG_DIR = path.resolve(__dirname, '../../../catalog');

interface CatalogEntity {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: {
    owner?: string;
    type?: string;
    lifecycle?: string;
    parent?: string;
    children?: string[];
    memberOf?: string[];
    members?: string[];
    targets?: string[];
  };
}

/** Reads a catalog file with the catalog's own YAML parser. */
function readCatalog(file: string): CatalogEntity[] {
  const target = path.join(CATALOG_DIR, file);
  const entities: CatalogEntity[] = [];
  for (const result of parseEntityYaml(fs.readFileSync(target), {
    type: 'file',
    target,
  })) {
    if (result.type === 'error') throw result.error;
    if (result.type === 'entity') {
      entities.push(result.entity as unknown as CatalogEntity);
    }
  }
  return entities;
}

const components = readCatalog('components.yaml').filter(
  e => e.kind === 'Component',
);
const componentRef = (c: CatalogEntity) =>
  `component:default/${c.metadata.name}`;

/** The catalog annotation that resolves an event without entityRef, as the backend reads it. */
function catalogKey(
  event: DemoEvent,
): [string, string | null | undefined] | undefined {
  if (event.kind === 'change') {
    return ['github.com/project-slug', event.repository];
  }
  if (event.kind === 'incident') {
    return ['pagerduty.com/service-id', event.serviceId];
  }
  return undefined;
}

/** Resolves an event's entity as the backend would: entityRef, else a catalog annotation. */
function resolveRef(event: DemoEvent): string | undefined {
  if (event.entityRef) return event.entityRef;
  const key = catalogKey(event);
  const matches = components.filter(
    c => key && c.metadata.annotations?.[key[0]] === key[1],
  );
  return matches.length === 1 ? componentRef(matches[0]) : undefined;
}

const events = generateDemoEvents({ now: NOW, days: 365, seed: 42 });
const byEntity = new Map<string, DemoEvent[]>();
for (const event of events) {
  const ref = resolveRef(event) ?? 'unresolved';
  if (!byEntity.has(ref)) byEntity.set(ref, []);
  byEntity.get(ref)!.push(event);
}
const eventsOf = (name: string, kind?: DemoEvent['kind']) =>
  (byEntity.get(`component:default/${name}`) ?? []).filter(
    e => !kind || e.kind === kind,
  );

/** The engine's metrics for one catalog component over `[to - days, to)`. */
function metricsOf(name: string, days: number) {
  const component = components.find(c => c.metadata.name === name)!;
  const entityRef = componentRef(component);
  const validated = validateEventBatch(eventsOf(name));
  if (!validated.ok) throw new Error(JSON.stringify(validated.problems[0]));
  return computeEntityMetrics(
    {
      entityRef,
      events: validated.events.map(e => ({ ...e, entityRef }) as DoraEvent),
      settings: resolveSettings(component.metadata.annotations).settings,
    },
    {
      window: { from: NOW.getTime() - days * DAY, to: NOW.getTime() },
      timezone: 'UTC',
      bucket: 'week',
    },
  );
}

describe('the example catalog', () => {
  it('all.yaml is a Location targeting ./org.yaml and ./components.yaml', () => {
    const [location] = readCatalog('all.yaml');
    expect(location.kind).toBe('Location');
    expect(location.spec?.targets).toEqual(['./org.yaml', './components.yaml']);
  });

  it('the group tree is at least three levels deep, with parent and children agreeing; the guest owns services through its teams', () => {
    const org = readCatalog('org.yaml');
    const groups = new Map(
      org.filter(e => e.kind === 'Group').map(g => [g.metadata.name, g]),
    );
    const problems: string[] = [];
    for (const [name, group] of groups) {
      for (const child of group.spec?.children ?? []) {
        if (groups.get(child)?.spec?.parent !== name) {
          problems.push(`${child} does not name ${name} as parent`);
        }
      }
      const parent = group.spec?.parent;
      if (parent && !groups.get(parent)?.spec?.children?.includes(name)) {
        problems.push(`${parent} does not list ${name} as a child`);
      }
    }
    expect(problems).toEqual([]);
    const depth = (name: string): number => {
      const parent = groups.get(name)?.spec?.parent;
      return parent ? 1 + depth(parent) : 0;
    };
    expect(depth('fraud-squad')).toBe(3);
    const guest = org.find(e => e.kind === 'User');
    expect(guest?.metadata.name).toBe('guest');
    // The guest owns things through its teams: each lists it as a member.
    const teams = guest?.spec?.memberOf as string[];
    expect(teams).toEqual(['payments-team', 'devex-team']);
    for (const team of teams) {
      expect(groups.get(team)?.spec?.members).toContain('guest');
    }
    const owners = components.map(c =>
      c.spec?.owner?.replace('group:default/', ''),
    );
    expect(owners.filter(o => !groups.has(o!))).toEqual([]);
    expect(teams.filter(team => owners.includes(team))).toEqual(teams);
  });
});

describe('generateDemoEvents', () => {
  it('is deterministic: the same seed and now give identical events', () => {
    const a = generateDemoEvents({ now: NOW, days: 60, seed: 7 });
    const b = generateDemoEvents({ now: NOW, days: 60, seed: 7 });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('differs for a different seed', () => {
    const a = generateDemoEvents({ now: NOW, days: 60, seed: 7 });
    const b = generateDemoEvents({ now: NOW, days: 60, seed: 8 });
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
  });

  it('every event passes validateEventBatch', () => {
    const result = validateEventBatch(events);
    expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
  });

  it('ids are unique per (kind, source, id)', () => {
    const keys = new Set(events.map(e => `${e.kind}/${e.source}/${e.id}`));
    expect(keys.size).toBe(events.length);
  });

  it('every instant is an ISO-8601 UTC instant (Z) in [now - days, now)', () => {
    const instantFields = [
      'startedAt',
      'finishedAt',
      'firstCommitAt',
      'openedAt',
      'firstReviewAt',
      'approvedAt',
      'mergedAt',
      'resolvedAt',
    ];
    const bad: string[] = [];
    for (const event of events) {
      for (const field of instantFields) {
        const value = (event as unknown as Record<string, unknown>)[field];
        if (value === undefined) continue;
        const millis = Date.parse(String(value));
        if (
          !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(String(value)) ||
          millis < FROM ||
          millis >= NOW.getTime()
        ) {
          bad.push(`${event.id}.${field}=${value}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('a year of all services holds 20k to 40k events', () => {
    expect(events.length).toBeGreaterThanOrEqual(20_000);
    expect(events.length).toBeLessThanOrEqual(40_000);
  });

  it('change instants are ordered: firstCommitAt < openedAt < firstReviewAt < approvedAt < mergedAt', () => {
    const order = [
      'firstCommitAt',
      'openedAt',
      'firstReviewAt',
      'approvedAt',
      'mergedAt',
    ] as const;
    const changes = events.flatMap(e => (e.kind === 'change' ? [e] : []));
    const bad: string[] = [];
    for (const change of changes) {
      const present = order
        .map(field => change[field])
        .filter((v): v is string => v !== undefined)
        .map(v => Date.parse(v));
      if (present.some((t, i) => i > 0 && t <= present[i - 1])) {
        bad.push(`${change.id}: instants out of order`);
      }
      if (change.reviewCount === 0 && change.firstReviewAt) {
        bad.push(`${change.id}: reviewed but reviewCount 0`);
      }
      if (
        change.mergedAt &&
        !/^[0-9a-f]{40}$/.test(change.mergeCommitSha ?? '')
      ) {
        bad.push(`${change.id}: merged without a merge commit`);
      }
    }
    expect(bad).toEqual([]);
    expect(changes.some(c => c.reviewCount === 0 && c.openedAt)).toBe(true);
    expect(changes.some(c => !c.openedAt && c.mergedAt)).toBe(true); // direct commits
    expect(changes.some(c => c.openedAt && !c.mergedAt)).toBe(true); // open or closed PRs
    expect(changes.some(c => c.labels.includes('hotfix'))).toBe(true);
    // Dependency bumps by a bot, which the example's dora.exclusions leave out.
    const bumps = changes.filter(c => c.author === 'dependabot[bot]');
    expect(bumps.length).toBeGreaterThan(0);
    for (const bump of bumps) {
      expect(bump.authorKind).toBe('bot');
      expect(bump.labels).toEqual(['dependencies']);
      expect(bump.title).toMatch(/^Bump /);
    }
    const ids = new Set(changes.map(c => c.id));
    const reverts = changes.filter(c => c.revertOf);
    expect(reverts.length).toBeGreaterThan(0);
    expect(reverts.every(c => ids.has(c.revertOf!))).toBe(true);
  });

  it('checkout-web has changes but no deployments (pull-request mode)', () => {
    expect(eventsOf('checkout-web', 'change').length).toBeGreaterThan(100);
    expect(eventsOf('checkout-web', 'deployment')).toEqual([]);
  });

  it('docs-portal has no incidents (no incident source)', () => {
    expect(eventsOf('docs-portal', 'incident')).toEqual([]);
    expect(eventsOf('docs-portal', 'deployment').length).toBeGreaterThan(0);
  });

  it('every catalog component has events, and every event resolves to one', () => {
    expect(components.length).toBeGreaterThanOrEqual(9);
    for (const component of components) {
      expect([
        component.metadata.name,
        eventsOf(component.metadata.name).length > 0,
      ]).toEqual([component.metadata.name, true]);
    }
    expect(byEntity.get('unresolved')).toBeUndefined();
    const known = new Set(components.map(componentRef));
    expect([...byEntity.keys()].filter(ref => !known.has(ref))).toEqual([]);
  });

  it('profiles agree with the catalog: owner, slug and DORA annotations', () => {
    expect(serviceProfiles.map(p => p.name).sort()).toEqual(
      components.map(c => c.metadata.name).sort(),
    );
    for (const profile of serviceProfiles) {
      const component = components.find(c => c.metadata.name === profile.name)!;
      const annotations = component.metadata.annotations ?? {};
      const { settings } = resolveSettings(annotations);
      expect(componentRef(component)).toBe(entityRefOf(profile));
      expect(component.spec?.owner).toBe(`group:default/${profile.owner}`);
      expect(component.spec?.type).toBe('service');
      expect(component.spec?.lifecycle).toBe('production');
      expect(annotations['github.com/project-slug']).toBe(profile.repository);
      expect(settings.changeFailureMode).toBe(profile.changeFailureMode);
      expect(settings.attributionWindowSeconds).toBe(
        profile.attributionWindowMinutes * 60,
      );
      expect(settings.incidentSource !== null).toBe(profile.incidents !== null);
      expect(annotations['pagerduty.com/service-id']).toBe(
        profile.incidents?.serviceId,
      );
      // Names or patterns: the same environments count as production.
      const environments = [
        ...(profile.deployments?.productionEnvironments ?? ['production']),
      ];
      const staging = profile.deployments?.stagingEnvironment;
      expect(
        productionEnvironmentsAmong(settings.productionEnvironments, [
          ...environments,
          ...(staging ? [staging] : []),
        ]),
      ).toEqual(environments);
    }
  });

  it('events without entityRef carry a repository or a PagerDuty serviceId the catalog resolves', () => {
    const withoutRef = events.filter(e => !e.entityRef);
    expect(withoutRef.some(e => e.kind === 'change')).toBe(true);
    expect(
      withoutRef.some(e => e.kind === 'incident' && e.serviceId === 'PPAY001'),
    ).toBe(true);
    expect(withoutRef.every(e => resolveRef(e) !== undefined)).toBe(true);
  });

  it('deployments list changeIds, except ci-runner which relies on commitSha = a merge commit', () => {
    const mergeShas = new Set(
      eventsOf('ci-runner', 'change').map(c =>
        c.kind === 'change' ? c.mergeCommitSha : undefined,
      ),
    );
    const bad: string[] = [];
    for (const profile of serviceProfiles) {
      for (const d of eventsOf(profile.name, 'deployment')) {
        if (d.kind !== 'deployment') continue;
        const inferred = profile.name === 'ci-runner';
        if (inferred && (d.changeIds || !mergeShas.has(d.commitSha))) {
          bad.push(`${d.id}: should carry only a merge commit`);
        }
        if (!inferred && !d.changeIds) bad.push(`${d.id}: no changeIds`);
      }
    }
    expect(bad).toEqual([]);
    expect(eventsOf('ci-runner', 'deployment').length).toBeGreaterThan(0);
  });

  it('the history holds every kind of evidence the metric rules read', () => {
    const deployments = events.flatMap(e =>
      e.kind === 'deployment' ? [e] : [],
    );
    const incidents = events.flatMap(e => (e.kind === 'incident' ? [e] : []));
    const production = deployments.filter(d =>
      d.environment.startsWith('production'),
    );
    expect(deployments.some(d => d.environment === 'staging')).toBe(true);
    expect(deployments.some(d => d.environment === 'production-eu')).toBe(true);
    expect(production.some(d => d.status === 'failure')).toBe(true);
    expect(production.some(d => d.status === 'aborted')).toBe(true);
    expect(
      deployments.some(d => d.deploymentKind === 'rollback' && d.rollbackOf),
    ).toBe(true);
    expect(deployments.some(d => d.deploymentKind === 'hotfix')).toBe(true);
    // A redeploy: the same version again on the same environment.
    const seen = new Set<string>();
    let redeploys = 0;
    for (const d of production.filter(x => x.status === 'success')) {
      const key = `${d.entityRef}/${d.environment}/${d.version}`;
      if (seen.has(key) && d.deploymentKind === 'normal') redeploys++;
      seen.add(key);
    }
    expect(redeploys).toBeGreaterThan(0);
    expect(incidents.some(i => i.deploymentId)).toBe(true);
    expect(incidents.some(i => i.changeId)).toBe(true);
    expect(incidents.some(i => i.causedByDeployment === false)).toBe(true);
    expect(incidents.some(i => i.causedByDeployment === true)).toBe(true);
    expect(
      incidents.some(
        i =>
          !i.deploymentId && !i.changeId && i.causedByDeployment === undefined,
      ),
    ).toBe(true);
    expect(incidents.some(i => !i.resolvedAt)).toBe(true);
  });
});

describe('the demo history measured by the engine', () => {
  it('payments-api deploys at the elite band over the last 30 days', () => {
    const metrics = metricsOf('payments-api', 30);
    expect(metrics.deploymentFrequency.band).toBe('elite');
    expect(metrics.leadTime.band).toBe('elite');
  });

  it('cart-service has a worse change failure rate than payments-api', () => {
    const payments = metricsOf('payments-api', 365).changeFailureRate;
    const cart = metricsOf('cart-service', 365).changeFailureRate;
    expect(payments.ratio).not.toBeNull();
    expect(cart.ratio!).toBeGreaterThan(payments.ratio!);
    expect(cart.band).toBe('low');
  });

  it('checkout-web is measured from merges (pull-request mode)', () => {
    const metrics = metricsOf('checkout-web', 30);
    expect(metrics.mode).toBe('pull-requests');
    expect(metrics.warnings.map(w => w.code)).toContain('PULL_REQUEST_MODE');
  });

  it('ingress-gateway measures change failure rate from failed pipeline runs', () => {
    const metrics = metricsOf('ingress-gateway', 365);
    expect(metrics.changeFailureRate.mode).toBe('pipeline');
    expect(metrics.changeFailureRate.failed).toBeGreaterThan(0);
  });

  it('docs-portal has no incident source, so time to restore is null', () => {
    const metrics = metricsOf('docs-portal', 365);
    expect(metrics.timeToRestore.median).toBeNull();
    expect(metrics.warnings.map(w => w.code)).toContain('NO_INCIDENT_SOURCE');
  });
});

/** When an event happened: a deployment finished, a change merged (or opened), an incident opened. */
function happenedAt(event: DemoEvent): number {
  if (event.kind === 'deployment') return Date.parse(event.finishedAt);
  if (event.kind === 'change') {
    return Date.parse(event.mergedAt ?? event.openedAt ?? '');
  }
  return Date.parse(event.openedAt);
}

describe('a history that ends in the middle of a day', () => {
  const now = new Date('2026-03-04T15:00:00Z'); // a Wednesday afternoon

  it('still plans normal deployments in working hours (UTC)', () => {
    const midDay = generateDemoEvents({ now, days: 60, seed: 42 });
    const hours = midDay
      .filter(e => e.kind === 'deployment' && e.deploymentKind === 'normal')
      .map(e => new Date(happenedAt(e)).getUTCHours());
    const inWorkingHours = hours.filter(h => h >= 8 && h < 20).length;
    expect(hours.length).toBeGreaterThan(100);
    expect(inWorkingHours / hours.length).toBeGreaterThan(0.9);
  });

  it('ends at now: nothing after it, work right before it', () => {
    const midDay = generateDemoEvents({ now, days: 30, seed: 42 });
    const latest = Math.max(...midDay.map(happenedAt));
    expect(latest).toBeLessThan(now.getTime());
    expect(latest).toBeGreaterThan(now.getTime() - 6 * 60 * 60 * 1000);
  });
});

describe('DemoDataProvider', () => {
  const logger = mockServices.logger.mock();
  /** 120 days up to NOW, retried at once so the tests do not wait. */
  const quickRetryProvider = () =>
    new DemoDataProvider({
      logger,
      now: () => NOW,
      days: 120,
      retry: { attempts: 5, delayMs: 0 },
    });

  it('ingests events with entityRef first, in batches of at most 5000, and retries batches the catalog cannot resolve yet', async () => {
    const calls: { size: number; withoutRef: number }[] = [];
    let refusals = 2;
    const sink = {
      ingest: jest.fn(async (batch: unknown[]) => {
        const withoutRef = batch.filter(
          e => !(e as { entityRef?: string }).entityRef,
        ).length;
        if (withoutRef && refusals-- > 0) {
          throw new IngestRefusedError(
            'POST /api/dora/v1/events answered 400',
            400,
            'InputError',
            [
              {
                index: 0,
                message: 'no catalog entity has github.com/project-slug: x',
                code: 'unresolved-entity',
              },
            ],
          );
        }
        calls.push({ size: batch.length, withoutRef });
        return { accepted: batch.length };
      }),
    };
    const provider = quickRetryProvider();
    const accepted = await provider.load(sink);

    const expected = generateDemoEvents({ now: NOW, days: 120, seed: 42 });
    expect(accepted).toBe(expected.length);
    expect(calls.every(c => c.size <= 5000)).toBe(true);
    const firstWithoutRef = calls.findIndex(c => c.withoutRef > 0);
    expect(firstWithoutRef).toBeGreaterThan(0);
    expect(
      calls.slice(firstWithoutRef).every(c => c.withoutRef === c.size),
    ).toBe(true);
    expect(sink.ingest).toHaveBeenCalledTimes(calls.length + 2);
  });

  it('gives up on other errors without retrying', async () => {
    const sink = {
      ingest: jest.fn(async () => {
        throw new Error('database is down');
      }),
    };
    const provider = new DemoDataProvider({
      logger,
      days: 10,
      retry: { attempts: 5, delayMs: 0 },
    });
    await expect(provider.load(sink)).rejects.toThrow('database is down');
    expect(sink.ingest).toHaveBeenCalledTimes(1);
  });

  it.each([
    {
      rule: 'a refusal of events without entityRef that is not about resolving them',
      refusal: new IngestRefusedError(
        'POST /api/dora/v1/events answered 413',
        413,
        'PayloadTooLargeError',
        [],
      ),
    },
    {
      rule: 'a 400 that names an invalid event rather than an unresolved one',
      refusal: new IngestRefusedError(
        'POST /api/dora/v1/events answered 400',
        400,
        'InputError',
        [
          {
            index: 0,
            message: 'event 0 (change "x"): mergedAt must be an instant',
          },
        ],
      ),
    },
  ])('does not retry $rule', async ({ refusal }) => {
    let refused = 0;
    const sink = {
      ingest: jest.fn(async (batch: unknown[]) => {
        if (batch.some(e => !(e as { entityRef?: string }).entityRef)) {
          refused++;
          throw refusal;
        }
        return { accepted: batch.length };
      }),
    };
    const provider = quickRetryProvider();
    await expect(provider.load(sink)).rejects.toBe(refusal);
    expect(refused).toBe(1);
  });

  it('connect returns before the events are ingested', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const sink = {
      ingest: jest.fn(async (batch: unknown[]) => {
        await gate;
        return { accepted: batch.length };
      }),
    };
    const provider = new DemoDataProvider({ logger, days: 5 });
    await provider.connect(sink);
    expect(provider.getProviderName()).toBe('demo-data');
    release();
  });
});
