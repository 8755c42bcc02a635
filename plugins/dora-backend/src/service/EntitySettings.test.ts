import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { component, group } from '../__testUtils__/entities';
import { emptyEventsAndFacts } from '../__testUtils__/tables';
import { KnexDoraStore } from '../database/KnexDoraStore';
import { KnexFactStore } from '../database/KnexFactStore';
import { migrateUp } from '../database/migrations';
import { doraTestDatabases } from '../testUtils';
import { readDoraConfig } from './doraConfig';
import { EntityCatalog } from './EntityCatalog';
import { EntitySettings, resolveEntitySettings } from './EntitySettings';
import { FactsService } from './FactsService';
import { GroupTree } from './GroupTree';
import { IngestService } from './IngestService';
import { MetricsService } from './MetricsService';

/**
 * Issue 18: exclusion rules inherit down the group tree. An entity's rules
 * are config, then the annotations of the groups above it from the root
 * down, then its own; the nearest wins per kind of rule, `none` clears.
 */

jest.setTimeout(120_000);

const credentials = mockCredentials.service();
const DAY = 86_400_000;

function annotated(entity: Entity, annotations: Record<string, string>) {
  return {
    ...entity,
    metadata: { ...entity.metadata, annotations },
  };
}

/** platform (parent) > payments (sub-team). */
function groups(platformAnnotations: Record<string, string>): Entity[] {
  return [
    annotated(group('platform', ['payments']), platformAnnotations),
    annotated(group('payments', [], 'platform'), {
      'dora/exclude-labels': 'dependencies',
    }),
  ];
}

const config = readDoraConfig(
  new ConfigReader({
    dora: { exclusions: { authors: ['config-bot'], titles: ['/^WIP/'] } },
  }),
);

describe('resolveEntitySettings (issue 18, group inheritance)', () => {
  const tree = new GroupTree(
    groups({
      'dora/exclude-authors': 'dependabot[bot]',
      'dora/exclude-bots': 'true',
    }),
  );

  it('an entity owned by a sub-team inherits the parent group rule', () => {
    const { settings, problems } = resolveEntitySettings(
      component('ledger', {}, 'payments'),
      tree,
      config.defaults,
    );
    expect(problems).toEqual([]);
    expect(settings.exclusions).toEqual({
      authors: ['dependabot[bot]'],
      labels: ['dependencies'],
      titles: ['/^WIP/'],
      bots: true,
    });
  });

  it("the entity's own annotation overrides its kind of rule only", () => {
    const { settings } = resolveEntitySettings(
      component(
        'ledger',
        { 'dora/exclude-authors': 'renovate[bot]' },
        'payments',
      ),
      tree,
      config.defaults,
    );
    expect(settings.exclusions).toEqual({
      authors: ['renovate[bot]'],
      labels: ['dependencies'],
      titles: ['/^WIP/'],
      bots: true,
    });
  });

  it('`none` clears an inherited rule, at the entity or a group', () => {
    const own = resolveEntitySettings(
      component('ledger', { 'dora/exclude-authors': 'none' }, 'payments'),
      tree,
      config.defaults,
    );
    expect(own.settings.exclusions?.authors).toEqual([]);
    const cleared = new GroupTree([
      annotated(group('platform', ['payments']), {
        'dora/exclude-titles': 'none',
      }),
      group('payments', [], 'platform'),
    ]);
    const fromGroup = resolveEntitySettings(
      component('ledger', {}, 'payments'),
      cleared,
      config.defaults,
    );
    expect(fromGroup.settings.exclusions?.titles).toEqual([]);
    expect(fromGroup.settings.exclusions?.authors).toEqual(['config-bot']);
  });

  it('the nearest group wins over its parent', () => {
    const nearer = new GroupTree([
      annotated(group('platform', ['payments']), {
        'dora/exclude-labels': 'chore',
      }),
      annotated(group('payments', [], 'platform'), {
        'dora/exclude-labels': 'dependencies',
      }),
    ]);
    const { settings } = resolveEntitySettings(
      component('ledger', {}, 'payments'),
      nearer,
      config.defaults,
    );
    expect(settings.exclusions?.labels).toEqual(['dependencies']);
  });

  it('spec.owner is read when the entity has no ownedBy relation', () => {
    const entity = { ...component('ledger', {}, 'payments'), relations: [] };
    const { settings } = resolveEntitySettings(entity, tree, config.defaults);
    expect(settings.exclusions?.authors).toEqual(['dependabot[bot]']);
  });

  it("a group's bad annotation is reported with the group's ref", () => {
    const bad = new GroupTree([
      annotated(group('platform'), { 'dora/exclude-bots': 'maybe' }),
    ]);
    const { settings, problems } = resolveEntitySettings(
      component('ledger', {}, 'platform'),
      bad,
      config.defaults,
    );
    expect(settings.exclusions?.bots).toBe(false);
    expect(problems).toEqual([
      'group:default/platform: dora/exclude-bots "maybe" is not true or false; using false',
    ]);
  });

  it('groups without exclusion annotations leave the defaults as they are (same facts key)', () => {
    const plain = new GroupTree([group('platform')]);
    const { settings } = resolveEntitySettings(
      component('ledger', {}, 'platform'),
      plain,
      config.defaults,
    );
    expect(settings).toEqual(config.defaults);
  });
});

const databases = doraTestDatabases();

describe.each(databases.eachSupportedId())(
  'EntitySettings with facts on %s (issue 18)',
  databaseId => {
    let knex: Knex;

    const services = [
      component('inherits', {}, 'payments'),
      component(
        'overrides',
        { 'dora/exclude-authors': 'renovate[bot]' },
        'payments',
      ),
      component('clears', { 'dora/exclude-authors': 'none' }, 'payments'),
    ];
    const refs = services.map(s => `component:default/${s.metadata.name}`);

    function backend(platform: Record<string, string>) {
      const catalog = new EntityCatalog(
        catalogServiceMock({ entities: [...groups(platform), ...services] }),
      );
      const store = new KnexDoraStore(knex);
      const factStore = new KnexFactStore(knex);
      const entitySettings = new EntitySettings(catalog, config.defaults);
      const facts = new FactsService({
        store,
        facts: factStore,
        settingsOf: batch => entitySettings.ofRefs(batch, credentials),
        logger: mockServices.logger.mock(),
      });
      const metrics = new MetricsService(factStore, facts, catalog, config);
      return { catalog, store, factStore, facts, metrics };
    }

    const authorsOf = async (factStore: KnexFactStore) => {
      const states = await factStore.states(refs);
      return refs.map(
        ref =>
          (JSON.parse(states.get(ref)!.settingsKey!) as unknown[]).find(
            part =>
              typeof part === 'object' && part !== null && 'authors' in part,
          ) as { authors: string[] },
      );
    };

    const request = {
      window: {
        from: Date.parse('2026-01-01T00:00:00Z'),
        to: Date.parse('2026-02-01T00:00:00Z'),
      },
      timezone: 'UTC',
      bucket: 'week' as const,
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      await emptyEventsAndFacts(knex);
      const { catalog, store } = backend({
        'dora/exclude-authors': 'dependabot[bot]',
      });
      const start = Date.parse('2026-01-05T00:00:00Z');
      await new IngestService(store, catalog, 100_000).ingest(
        {
          events: services.flatMap(s =>
            [0, 1, 2].map(i => ({
              kind: 'deployment',
              source: 'ci',
              id: `${s.metadata.name}-${i}`,
              entityRef: `component:default/${s.metadata.name}`,
              environment: 'production',
              status: 'success',
              finishedAt: new Date(start + i * DAY).toISOString(),
            })),
          ),
        },
        credentials,
      );
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it('builds facts with the inherited, overridden and cleared author rules', async () => {
      const { facts, factStore, metrics } = backend({
        'dora/exclude-authors': 'dependabot[bot]',
      });
      await facts.drain();
      expect((await authorsOf(factStore)).map(r => r.authors)).toEqual([
        ['dependabot[bot]'],
        ['renovate[bot]'],
        [],
      ]);
      // The metrics resolve the same settings: the stored facts are current.
      for (const ref of refs) {
        const body = await metrics.entityMetrics(ref, request, credentials);
        expect(body.computedFrom).toBe('facts');
        expect(body.deploymentFrequency.count).toBe(3);
      }
    });

    it("a parent group's annotation change rebuilds its subtree's facts when next read", async () => {
      const changed = backend({ 'dora/exclude-authors': '*-bot' });
      const inherits = refs[0];
      const first = await changed.metrics.entityMetrics(
        inherits,
        request,
        credentials,
      );
      // Answered from events at once, and the entity marked for a rebuild.
      expect(first.computedFrom).toBe('events');
      expect(first.deploymentFrequency.count).toBe(3);
      expect((await changed.factStore.counts()).stale).toBeGreaterThan(0);
      await changed.facts.drain();
      expect((await authorsOf(changed.factStore)).map(r => r.authors)).toEqual([
        ['*-bot'],
        ['renovate[bot]'],
        [],
      ]);
      const again = await changed.metrics.entityMetrics(
        inherits,
        request,
        credentials,
      );
      expect(again.computedFrom).toBe('facts');
    });
  },
);
