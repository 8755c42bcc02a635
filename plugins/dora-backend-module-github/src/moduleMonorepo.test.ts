import { Knex } from 'knex';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { doraTestDatabases } from '@dora-metrics/plugin-dora-backend/testUtils';
import { component } from './__testUtils__/entities';
import { FAKE_TOKEN, FakeGithub } from './__testUtils__/fakeGithub';
import { loadFixture } from './__testUtils__/loadFixture';
import { startBackend } from './__testUtils__/startBackend';
import { createTestClock } from '@dora-metrics/plugin-dora-node/testUtils';
import { GITHUB_COLLECT_TASK } from './githubEventProvider';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const START = '2026-03-20T00:00:00Z';
const SLUG = 'github.com/project-slug';

/** acme/monorepo: a default entity and three that claim paths. */
const entities = [
  component('platform', { [SLUG]: 'acme/monorepo' }),
  component('payments', {
    [SLUG]: 'acme/monorepo',
    'dora/paths': 'services/payments',
  }),
  component('payments-worker', {
    [SLUG]: 'acme/monorepo',
    'dora/paths': 'services/payments-worker/**',
  }),
  component('web', {
    [SLUG]: 'acme/monorepo',
    'dora/paths': 'services/web/**, apps/web',
  }),
];

const ref = (name: string) => `component:default/${name}`;

describe.each(databases.eachSupportedId())(
  'a GitHub monorepo through the dora backend on %s',
  databaseId => {
    let knex: Knex;
    let github: FakeGithub;
    let started: Awaited<ReturnType<typeof startBackend>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      github = new FakeGithub();
      await github.start();
      github.repos['acme/monorepo'] = loadFixture('acme-monorepo');
      started = await startBackend({
        knex,
        entities,
        clock: createTestClock(START),
        config: {
          integrations: {
            github: [
              { host: 'github.com', apiBaseUrl: github.url, token: FAKE_TOKEN },
            ],
          },
          dora: {
            github: {
              schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
            },
          },
        },
      });
    });

    afterAll(async () => {
      await started?.backend.stop();
      await github?.stop();
    });

    it('stores a pull request once per entity whose claimed paths it touched, else for the default entity, and again without duplicates', async () => {
      const stored = async () =>
        (
          await knex('dora_changes')
            .where({ source: 'github' })
            .select('id', 'entity_ref')
        )
          .map(r => `${r.id} ${r.entity_ref}`)
          .sort();
      await started.scheduler.run(GITHUB_COLLECT_TASK);
      const expected = [
        `acme/monorepo#201 ${ref('payments')}`,
        `acme/monorepo#202 ${ref('web')}`,
        `acme/monorepo#203 ${ref('platform')}`,
        `acme/monorepo#204 ${ref('payments')}`,
        `acme/monorepo#204 ${ref('payments-worker')}`,
        `acme/monorepo#204 ${ref('web')}`,
        `acme/monorepo#205 ${ref('payments')}`,
        `acme/monorepo#205 ${ref('web')}`,
      ];
      expect(await stored()).toEqual(expected);
      await started.scheduler.run(GITHUB_COLLECT_TASK);
      expect(await stored()).toEqual(expected);
    });
  },
);
