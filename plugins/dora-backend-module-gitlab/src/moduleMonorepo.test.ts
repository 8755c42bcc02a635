import { Knex } from 'knex';
import request from 'supertest';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { doraTestDatabases } from '@dora-metrics/plugin-dora-backend/testUtils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { component } from './__testUtils__/entities';
import { FAKE_TOKEN, FakeGitlab } from './__testUtils__/fakeGitlab';
import { loadFixture } from './__testUtils__/loadFixture';
import { startBackend } from './__testUtils__/startBackend';
import { createTestClock } from '@dora-metrics/plugin-dora-node/testUtils';
import { GITLAB_COLLECT_TASK } from './gitlabEventProvider';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const START = '2026-03-20T00:00:00Z';

/** A monorepo: a default entity and two that claim paths of project 202. */
const entities = [
  component('platform', {
    'gitlab.com/project-id': '202',
    'dora/gitlab-deployment-job': 'deploy *',
  }),
  component('billing', {
    'gitlab.com/project-id': '202',
    'dora/paths': 'services/billing',
  }),
  component('search', {
    'gitlab.com/project-id': '202',
    'dora/paths': 'services/search/**',
  }),
];

describe.each(databases.eachSupportedId())(
  'a GitLab monorepo through the dora backend on %s',
  id => {
    let knex: Knex;
    let gitlab: FakeGitlab;
    let started: Awaited<ReturnType<typeof startBackend>>;

    beforeAll(async () => {
      knex = await databases.init(id);
      gitlab = new FakeGitlab();
      await gitlab.start();
      gitlab.add(loadFixture('acme-platform'));
      started = await startBackend({
        knex,
        entities,
        clock: createTestClock(START),
        config: {
          integrations: {
            gitlab: [
              {
                host: 'gitlab.example.com',
                apiBaseUrl: gitlab.apiBaseUrl,
                token: FAKE_TOKEN,
              },
            ],
          },
          dora: {
            gitlab: {
              host: 'gitlab.example.com',
              schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
              jobEnvironments: [
                { match: 'deploy prod*', environment: 'production' },
              ],
            },
          },
        },
      });
    });

    afterAll(async () => {
      await started?.backend.stop();
      await gitlab?.stop();
    });

    it('stores a merge request once per entity whose claimed paths it touched, and each entity drills down to its own row', async () => {
      await started.scheduler.run(GITLAB_COLLECT_TASK);

      const rows = await knex('dora_changes')
        .where({ source: 'gitlab' })
        .orderBy(['id', 'entity_ref'])
        .select('id', 'entity_ref');
      expect(rows.map(r => [r.id, r.entity_ref])).toEqual([
        ['acme/platform!21', 'component:default/billing'],
        ['acme/platform!22', 'component:default/billing'],
        ['acme/platform!22', 'component:default/search'],
        ['acme/platform!23', 'component:default/platform'],
        ['acme/platform!24', 'component:default/billing'],
        ['acme/platform!24', 'component:default/search'],
      ]);

      // A second run writes the same rows again (idempotent), not more.
      await started.scheduler.run(GITLAB_COLLECT_TASK);
      const [{ n }] = await knex('dora_changes')
        .where({ source: 'gitlab' })
        .count('* as n');
      expect(Number(n)).toBe(6);

      const search = await request(started.server)
        .get('/api/dora/v1/events')
        .set('Authorization', mockCredentials.user.header())
        .query({
          entityRef: 'component:default/search',
          kind: 'change',
          from: '2026-01-01T00:00:00Z',
          to: '2026-04-01T00:00:00Z',
        });
      expect(search.status).toBe(200);
      expect(
        search.body.items.map(
          (i: { event: { id: string; entityRef: string } }) => [
            i.event.id,
            i.event.entityRef,
          ],
        ),
      ).toEqual(
        expect.arrayContaining([
          ['acme/platform!22', 'component:default/search'],
          ['acme/platform!24', 'component:default/search'],
        ]),
      );
      expect(search.body.items).toHaveLength(2);
    });
  },
);
