import fs from 'fs';
import path from 'path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import doraPlugin from '@dora-metrics/plugin-dora-backend';
import { Knex, knex as createKnex } from 'knex';
import { ConfigReader } from '@backstage/config';
import { doraModuleDemoData, readDemoDataSettings } from './demoDataModule';
import { generateDemoEvents } from './generateDemoEvents';

const CATALOG_DIR = path.resolve(__dirname, '../../../catalog');

function exampleCatalog(): Entity[] {
  return ['org.yaml', 'components.yaml'].flatMap(file => {
    const target = path.join(CATALOG_DIR, file);
    return [
      ...parseEntityYaml(fs.readFileSync(target), { type: 'file', target }),
    ]
      .filter(result => result.type === 'entity')
      .map(result => (result as { entity: Entity }).entity);
  });
}

/** Every stored event, counted in the plugin's tables. */
async function storedEvents(knex: Knex): Promise<number> {
  let total = 0;
  for (const table of ['dora_deployments', 'dora_changes', 'dora_incidents']) {
    if (!(await knex.schema.hasTable(table))) return 0;
    const [{ n }] = await knex(table).count({ n: '*' });
    total += Number(n);
  }
  return total;
}

describe('the demo-data module', () => {
  it('posts the generated history through the public ingest API once the backend has started', async () => {
    const days = 14;
    const endsAt = '2026-11-23T15:00:00Z';
    const expected = generateDemoEvents({
      now: new Date(endsAt),
      days,
      seed: 42,
    }).length;
    const knex = createKnex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const backend = await startTestBackend({
      features: [
        doraPlugin,
        doraModuleDemoData,
        catalogServiceMock.factory({ entities: exampleCatalog() }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { dora: { demoData: { days, endsAt } } },
        }),
      ],
    });
    try {
      let stored = 0;
      for (let attempt = 0; attempt < 60 && stored < expected; attempt++) {
        await new Promise(resolve => setTimeout(resolve, 500));
        stored = await storedEvents(knex);
      }
      expect(stored).toBe(expected);
    } finally {
      await backend.stop();
      await knex.destroy();
    }
  }, 60_000);

  it.each([
    ['DORA_DEMO_DATA=off', {}, { DORA_DEMO_DATA: 'off' }, false],
    [
      'dora.demoData.enabled: false',
      { dora: { demoData: { enabled: false } } },
      {},
      false,
    ],
    ['neither', {}, {}, true],
  ])('is enabled unless turned off (%s)', (_name, data, env, enabled) => {
    const settings = readDemoDataSettings(new ConfigReader(data), env);
    expect(settings.enabled).toBe(enabled);
  });

  it('refuses an endsAt that is not an instant, naming the key', () => {
    const config = new ConfigReader({ dora: { demoData: { endsAt: 'soon' } } });
    expect(() => readDemoDataSettings(config, {})).toThrow(
      /dora\.demoData\.endsAt must be an ISO instant/,
    );
  });
});
