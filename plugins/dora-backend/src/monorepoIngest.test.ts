import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { component } from './__testUtils__/entities';
import {
  clearEvents,
  countEvents,
  startDoraBackend,
} from './__testUtils__/startDoraBackend';
import { doraTestDatabases } from './testUtils';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const service = mockCredentials.service.header();

// acme/shop: web and api claim their folders, shop is the default entity.
// acme/libs: two claiming entities and no default.
const entities = [
  component('shop', { 'github.com/project-slug': 'acme/shop' }),
  component('shop-web', {
    'github.com/project-slug': 'acme/shop',
    'dora/paths': 'web/**',
  }),
  component('shop-api', {
    'gitlab.com/project-slug': 'acme/shop',
    'dora/paths': 'services/api, proto/*.proto',
  }),
  component('libs-a', {
    'github.com/project-slug': 'acme/libs',
    'dora/paths': 'a/**',
  }),
  component('libs-b', {
    'github.com/project-slug': 'acme/libs',
    'dora/paths': 'b/**',
  }),
];

const change = (id: string, more: Record<string, unknown>) => ({
  kind: 'change',
  source: 'github',
  id,
  repository: 'acme/shop',
  mergedAt: '2024-05-02T09:00:00Z',
  ...more,
});

describe.each(databases.eachSupportedId())(
  'ingesting changes of a monorepo (dora/paths), on %s',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startDoraBackend>>;

    const post = (events: unknown[]) =>
      request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', service)
        .send({ events });
    const entitiesOf = async (id: string) =>
      (
        await knex('dora_changes')
          .select('entity_ref')
          .where({ id })
          .orderBy('entity_ref')
      ).map(r => r.entity_ref);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startDoraBackend({ knex, entities });
    });
    beforeEach(() => clearEvents(knex));

    it('gives a change to every entity whose claimed paths it touched, else to the default entity', async () => {
      const res = await post([
        change('one', { paths: ['web/src/app.ts'] }),
        change('both', { paths: ['web/index.html', 'proto/shop.proto'] }),
        change('none', { paths: ['README.md'] }),
        change('unrecorded', {}),
        change('directory', { paths: ['services/'] }),
      ]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accepted: 5 });
      expect(await entitiesOf('one')).toEqual(['component:default/shop-web']);
      expect(await entitiesOf('both')).toEqual([
        'component:default/shop-api',
        'component:default/shop-web',
      ]);
      expect(await entitiesOf('none')).toEqual(['component:default/shop']);
      expect(await entitiesOf('unrecorded')).toEqual([
        'component:default/shop',
      ]);
      expect(await entitiesOf('directory')).toEqual([
        'component:default/shop-api',
      ]);
    });

    it('a change with entityRef stays with that entity whatever it touched', async () => {
      await post([
        change('pinned', {
          entityRef: 'component:default/shop',
          paths: ['web/a.ts', 'services/api/b.ts'],
        }),
      ]);
      expect(await entitiesOf('pinned')).toEqual(['component:default/shop']);
    });

    it('a change sent again with other paths moves to the entities they name', async () => {
      await post([change('pr', { paths: ['web/a.ts', 'services/api/b.ts'] })]);
      await post([change('pr', { paths: ['services/api/b.ts'] })]);
      expect(await entitiesOf('pr')).toEqual(['component:default/shop-api']);
    });

    it('refuses the whole batch when a change touches no claim and its repository has no default entity, naming the paths and claims tried', async () => {
      const res = await post([
        change('fine', { paths: ['web/a.ts'] }),
        change('lost', { repository: 'acme/libs', paths: ['docs/x.md'] }),
      ]);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        {
          index: 1,
          message: expect.stringMatching(
            /touched docs\/x\.md.*component:default\/libs-a claims a\/\*\*.*component:default\/libs-b claims b\/\*\*.*no entity of the repository is its default/,
          ),
          code: 'unresolved-entity',
        },
      ]);
      expect(await countEvents(knex)).toBe(0);
    });
  },
);
