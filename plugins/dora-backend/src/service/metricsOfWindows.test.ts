import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityMetrics, Window } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { component, group } from '../__testUtils__/entities';
import { DATA_DAYS, DATA_START, seedPlan } from '../__testUtils__/randomEvents';
import { emptyEventsAndFacts } from '../__testUtils__/tables';
import { KnexDoraStore } from '../database/KnexDoraStore';
import { KnexFactStore } from '../database/KnexFactStore';
import { migrateUp } from '../database/migrations';
import { doraTestDatabases } from '../testUtils';
import { readDoraConfig } from './doraConfig';
import { EntityCatalog } from './EntityCatalog';
import { EntitySettings } from './EntitySettings';
import { FactsService } from './FactsService';
import { GroupTree } from './GroupTree';
import { IngestService } from './IngestService';
import { MetricsService } from './MetricsService';

/**
 * Issue 16, preview: MetricsService.metricsOfWindows reads the facts of many
 * overlapping windows at once; each window's body must be the one
 * metricsOf gives for that window alone (the database's aggregation on
 * PostgreSQL once facts are built; from events before).
 */

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const DAY = 86_400_000;
const credentials = mockCredentials.service();
const plans = [7, 4242].map(seed => seedPlan(seed, 1));
const entities = plans.flatMap(plan => [
  ...plan.groups.map(g => group(g.name, g.children, g.parent)),
  ...plan.entities.map(e => component(e.name, e.annotations, e.owner)),
]);

/** Weekly windows of 14 and 30 days over the histories, some reaching before them. */
const windows: Window[] = [14, 30].flatMap(days =>
  [0, 1, 2, 3, 4, 5].map(week => {
    const to = DATA_START + (DATA_DAYS - 1) * DAY - week * 7 * DAY + 3_600_000;
    return { from: to - days * DAY, to };
  }),
);

const request = (window: Window) => ({
  window,
  timezone: 'UTC',
  bucket: 'week' as const,
});

/** A body without when and from what it was computed, and without a series. */
function numbers(
  body: EntityMetrics & { computedAt?: string; computedFrom?: string },
) {
  const { computedAt: _a, computedFrom: _f, series: _s, ...rest } = body;
  return rest;
}

describe.each(databases.eachSupportedId())(
  'MetricsService.metricsOfWindows on %s (issue 16)',
  databaseId => {
    let knex: Knex;
    let metrics: MetricsService;
    let facts: FactsService;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      await emptyEventsAndFacts(knex);
      const config = readDoraConfig(new ConfigReader({}));
      const catalog = new EntityCatalog(catalogServiceMock({ entities }));
      const store = new KnexDoraStore(knex);
      const factStore = new KnexFactStore(knex);
      facts = new FactsService({
        store,
        facts: factStore,
        settingsOf: refs =>
          new EntitySettings(catalog, config.defaults).ofRefs(
            refs,
            credentials,
          ),
        logger: mockServices.logger.mock(),
      });
      metrics = new MetricsService(factStore, facts, catalog, config);
      const ingest = new IngestService(store, catalog, 100_000);
      for (const plan of plans) {
        for (const batch of plan.batches) {
          await ingest.ingest({ events: batch }, credentials);
        }
      }
    });

    const measured = () => {
      const tree = new GroupTree(entities.filter(e => e.kind === 'Group'));
      return entities
        .filter(e => e.kind === 'Component')
        .map(e => metrics.measured(e, tree));
    };

    /** Each window's bodies both ways, keyed by entity and window. */
    async function bothWays() {
      const all = measured();
      const together = await metrics.metricsOfWindows(all, windows, {
        timezone: 'UTC',
        bucket: 'week',
      });
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      const from = new Set<string>();
      for (const [w, window] of windows.entries()) {
        const alone = await metrics.metricsOf(all, request(window));
        for (const entity of all) {
          const where = `${entity.key} in ${new Date(window.from).toISOString()}..${new Date(window.to).toISOString()}`;
          const body = together[w].get(entity.key)!;
          from.add(body.computedFrom);
          got[where] = numbers(body);
          want[where] = numbers(alone.get(entity.key)!);
        }
      }
      return { got, want, from: [...from] };
    }

    it('gives each window the body metricsOf gives it, from events while facts are not built', async () => {
      const { got, want, from } = await bothWays();
      expect(from).toEqual(['events']);
      expect(Object.keys(got)).toHaveLength(8 * windows.length);
      expect(got).toEqual(want);
    });

    it('gives each window the body metricsOf gives it once facts are built', async () => {
      await facts.drain();
      const { got, want, from } = await bothWays();
      expect(from).toEqual(['facts']);
      expect(got).toEqual(want);
    });
  },
);
