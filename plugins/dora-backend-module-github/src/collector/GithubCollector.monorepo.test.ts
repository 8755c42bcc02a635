import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DoraEvent } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { doraTestDatabases } from '@dora-metrics/plugin-dora-backend/testUtils';
import { component } from '../__testUtils__/entities';
import { FAKE_TOKEN, FakeGithub } from '../__testUtils__/fakeGithub';
import { loadFixture } from '../__testUtils__/loadFixture';
import {
  createTestClock,
  RecordingLogger,
} from '@dora-metrics/plugin-dora-node/testUtils';
import { GithubClientFactory } from '../client/GithubClientFactory';
import { readGithubCollectorConfig } from '../config';
import { CursorStore } from '../database/CursorStore';
import { migrateUp } from '../database/migrations';
import { GithubCollector } from './GithubCollector';

jest.setTimeout(60_000);

const START = '2026-03-20T00:00:00Z';
const SLUG = 'github.com/project-slug';
const databases = doraTestDatabases();

/** acme/monorepo: a default entity and three that claim paths. */
const monorepoEntities = [
  component('platform', { [SLUG]: 'acme/monorepo' }),
  component('payments', {
    [SLUG]: 'acme/monorepo',
    'dora/paths': 'services/payments',
    'dora/github-deployment-workflow': 'deploy-payments.yml',
    'dora/github-deployment-environment': 'payments-prod',
  }),
  component('payments-worker', {
    [SLUG]: 'Acme/Monorepo',
    'dora/paths': 'services/payments-worker/**',
    // Already taken by payments: skipped with a warning.
    'dora/github-deployment-workflow': 'deploy-payments.yml',
  }),
  component('web', {
    [SLUG]: 'acme/monorepo',
    'dora/paths': 'services/web/**, apps/web',
    'dora/github-deployment-workflow': 'deploy-web.yml',
  }),
];

const ref = (name: string) => `component:default/${name}`;

describe.each(databases.eachSupportedId())(
  'GithubCollector, monorepos, on %s',
  id => {
    let knex: Knex;
    const github = new FakeGithub();

    beforeAll(async () => {
      knex = await databases.init(id);
      await migrateUp(knex);
      await github.start();
    });
    afterAll(() => github.stop());
    beforeEach(async () => {
      await knex('dora_github_cursors').delete();
      for (const key of Object.keys(github.repos)) delete github.repos[key];
      github.repos['acme/monorepo'] = loadFixture('acme-monorepo');
    });

    async function collect(entities: Entity[], doraGithub: object = {}) {
      const clock = createTestClock(START);
      const logger = new RecordingLogger();
      const rootConfig = new ConfigReader({
        integrations: {
          github: [
            { host: 'github.com', apiBaseUrl: github.url, token: FAKE_TOKEN },
          ],
        },
        dora: { github: doraGithub },
      });
      const config = readGithubCollectorConfig(rootConfig);
      const events: DoraEvent[] = [];
      const collector = new GithubCollector({
        config,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        logger,
        clients: GithubClientFactory.fromConfig(rootConfig, {
          sleep: clock.sleep,
          now: clock.now,
          policy: config.rateLimit,
        }),
        cursors: new CursorStore(knex, clock.now),
        now: clock.now,
      });
      const from = github.requests.length;
      const report = await collector.collectAll({
        ingest: async batch => {
          events.push(...(batch as DoraEvent[]));
          return { accepted: batch.length };
        },
      });
      return {
        report,
        events,
        logger,
        requests: github.requestsSince(from),
      };
    }

    const changes = (events: DoraEvent[]) =>
      events
        .filter(e => e.kind === 'change')
        .map(e => `${e.id} ${e.entityRef}`)
        .sort();

    it('attribution rule: each change goes once to every entity whose claimed paths it touched, else to the default entity', async () => {
      const { events } = await collect(monorepoEntities);
      expect(changes(events)).toEqual([
        `acme/monorepo#201 ${ref('payments')}`,
        `acme/monorepo#202 ${ref('web')}`,
        `acme/monorepo#203 ${ref('platform')}`,
        // Truncated file list: its top-level directories cover every service.
        `acme/monorepo#204 ${ref('payments')}`,
        `acme/monorepo#204 ${ref('payments-worker')}`,
        `acme/monorepo#204 ${ref('web')}`,
        // A rename touches its old and its new path.
        `acme/monorepo#205 ${ref('payments')}`,
        `acme/monorepo#205 ${ref('web')}`,
      ]);
    });

    it('touched paths: up to 300 files are listed; a list GitHub cut short records top-level directories', async () => {
      const { events } = await collect(monorepoEntities);
      const pathsOf = (n: number) =>
        events.find(e => e.id === `acme/monorepo#${n}` && e.kind === 'change');
      expect(pathsOf(201)).toMatchObject({
        paths: [
          'services/payments/README.md',
          'services/payments/src/retry.test.ts',
          'services/payments/src/retry.ts',
        ],
      });
      // changed_files 3200, more than the files GitHub lists.
      expect(pathsOf(204)).toMatchObject({
        paths: ['README.md', 'services/', 'tools/'],
      });
    });

    it('author kind: a GitHub App user (type Bot, login [bot]) is a bot, a person is human', async () => {
      const { events } = await collect(monorepoEntities);
      const kinds = Object.fromEntries(
        events
          .filter(e => e.kind === 'change')
          .map(e => [e.id, e.kind === 'change' ? e.authorKind : undefined]),
      );
      expect(kinds).toEqual({
        'acme/monorepo#201': 'human',
        'acme/monorepo#202': 'bot',
        'acme/monorepo#203': 'human',
        'acme/monorepo#204': 'human',
        'acme/monorepo#205': 'human',
      });
    });

    it('files are read only in repositories where an entity claims paths, 100 per page', async () => {
      github.repos['acme/solo'] = loadFixture('acme-monorepo');
      const { requests, events } = await collect([
        component('solo', { [SLUG]: 'acme/solo' }),
        ...monorepoEntities,
      ]);
      // The fake serves two files a page: 201 and 204 take a second page.
      expect(
        requests.filter(r => r.includes('/files') && !r.includes('&page=')),
      ).toEqual(
        [201, 202, 203, 204, 205]
          .reverse()
          .map(n => `GET /repos/acme/monorepo/pulls/${n}/files?per_page=100`),
      );
      expect(requests).toContain(
        'GET /repos/acme/monorepo/pulls/204/files?per_page=100&page=2',
      );
      const solo = events.filter(e => e.entityRef === ref('solo'));
      expect(solo.filter(e => e.kind === 'change')).toHaveLength(5);
      expect(solo.every(e => e.kind !== 'change' || e.paths === null)).toBe(
        true,
      );
    });

    it('deployments of a shared repository: GitHub deployments to the default entity, a named workflow to its entity, a workflow taken twice is warned about', async () => {
      const { events, logger, report } = await collect(monorepoEntities);
      const deployments = events
        .filter(e => e.kind === 'deployment')
        .map(e => `${e.id} ${e.entityRef}`);
      expect(deployments.sort()).toEqual([
        `acme/monorepo/deployments/601 ${ref('platform')}`,
        `acme/monorepo/runs/9901 ${ref('payments')}`,
        `acme/monorepo/runs/9902 ${ref('payments')}`,
        `acme/monorepo/runs/9903 ${ref('web')}`,
      ]);
      expect(logger.text()).toMatch(
        /runs:deploy-payments.yml is already the deployments of component:default\/payments; not also of component:default\/payments-worker/,
      );
      expect(Object.keys(report.repositories[0].ingested).sort()).toEqual([
        'deployments',
        'pulls',
        'runs:deploy-payments.yml',
        'runs:deploy-web.yml',
      ]);
    });

    it('workflowEnvironments: the first rule matching the workflow name or run title wins; no match falls back to the entity annotation', async () => {
      const { events } = await collect(monorepoEntities, {
        workflowEnvironments: [
          { match: '*(staging)', environment: 'staging' },
          { match: 'Deploy web', environment: 'production-eu' },
          { match: '/^deploy web$/i', environment: 'never-reached' },
        ],
      });
      const environments = Object.fromEntries(
        events
          .filter(e => e.kind === 'deployment')
          .map(e => [e.id, e.kind === 'deployment' ? e.environment : '']),
      );
      expect(environments).toEqual({
        'acme/monorepo/deployments/601': 'production',
        'acme/monorepo/runs/9902': 'staging',
        'acme/monorepo/runs/9901': 'payments-prod',
        'acme/monorepo/runs/9903': 'production-eu',
      });
    });

    it('a change touching no claimed path in a repository without a default entity is skipped with a debug log', async () => {
      const { events, logger } = await collect(
        monorepoEntities.filter(e => e.metadata.name !== 'platform'),
      );
      expect(events.some(e => e.id === 'acme/monorepo#203')).toBe(false);
      expect(logger.text()).toMatch(
        /acme\/monorepo#203: touched no claimed path/,
      );
    });
  },
);
