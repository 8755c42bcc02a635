import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChangeEvent, DoraEvent } from '@dora-metrics/plugin-dora-common';
import { DoraEventSink } from '@dora-metrics/plugin-dora-node';
import { Knex } from 'knex';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { doraTestDatabases } from '@dora-metrics/plugin-dora-backend/testUtils';
import { component } from '../__testUtils__/entities';
import { FAKE_TOKEN, FakeGitlab } from '../__testUtils__/fakeGitlab';
import { loadFixture } from '../__testUtils__/loadFixture';
import {
  createTestClock,
  RecordingLogger,
} from '@dora-metrics/plugin-dora-node/testUtils';
import { GitlabClientFactory } from '../client/GitlabClientFactory';
import { readGitlabCollectorConfig } from '../config';
import { CursorStore } from '../database/CursorStore';
import { migrateUp } from '../database/migrations';
import { GitlabCollector } from './GitlabCollector';

jest.setTimeout(60_000);

const START = '2026-03-20T00:00:00Z';
const databases = doraTestDatabases();

/** The monorepo: a default entity and two that claim paths, all naming the project by id. */
const monorepo = [
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

describe.each(databases.eachSupportedId())('GitlabCollector on %s', id => {
  let knex: Knex;
  let gitlab: FakeGitlab;

  beforeAll(async () => {
    knex = await databases.init(id);
    await migrateUp(knex);
  });
  beforeEach(async () => {
    await knex('dora_gitlab_cursors').delete();
    gitlab = new FakeGitlab();
    await gitlab.start();
  });
  afterEach(() => gitlab.stop());

  function setup(entities: Entity[], gitlabConfig: object = {}) {
    const clock = createTestClock(START);
    const logger = new RecordingLogger();
    const rootConfig = new ConfigReader({
      integrations: {
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: gitlab.apiBaseUrl,
            token: FAKE_TOKEN,
          },
        ],
      },
      dora: { gitlab: { host: 'gitlab.example.com', ...gitlabConfig } },
    });
    const config = readGitlabCollectorConfig(rootConfig);
    const collector = new GitlabCollector({
      config,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger,
      clients: GitlabClientFactory.fromConfig(rootConfig, {
        sleep: clock.sleep,
        now: clock.now,
        policy: config.rateLimit,
      }),
      cursors: new CursorStore(knex, clock.now),
      now: clock.now,
    });
    const written: DoraEvent[] = [];
    const sink: DoraEventSink = {
      ingest: async events => {
        written.push(...(events as DoraEvent[]));
        return { accepted: events.length };
      },
    };
    return { collector, sink, written, clock, logger };
  }

  it('monorepo: each change goes once to every entity whose claimed paths it touched, else to the default entity; deployment jobs go to the default entity with their mapped environment', async () => {
    gitlab.add(loadFixture('acme-platform'));
    const { collector, sink, written } = setup(monorepo, {
      jobEnvironments: [
        { match: 'deploy prod*', environment: 'production' },
        { match: '/^deploy (stg|staging)$/', environment: 'staging' },
      ],
    });

    const report = await collector.collectAll(sink);

    expect(report.projects[0].errors).toEqual({});
    const changes = written.filter(
      (e): e is ChangeEvent => e.kind === 'change',
    );
    expect(changes.map(c => [c.id, c.entityRef])).toEqual([
      ['acme/platform!21', 'component:default/billing'],
      ['acme/platform!22', 'component:default/billing'],
      ['acme/platform!22', 'component:default/search'],
      ['acme/platform!23', 'component:default/platform'],
      ['acme/platform!24', 'component:default/billing'],
      ['acme/platform!24', 'component:default/search'],
    ]);
    // Above 300 files a change lists its top-level directories (root files stay).
    const big = changes.find(c => c.id === 'acme/platform!24')!;
    expect(big.paths).toEqual(['libs/', 'package.json', 'services/']);
    expect(big.authorKind).toBe('bot');
    expect(changes.find(c => c.id === 'acme/platform!22')!.paths).toEqual([
      'services/billing/src/retry.ts',
      'services/search/src/retry.ts',
    ]);

    const deployments = written.filter(e => e.kind === 'deployment');
    expect(
      deployments.map(d => [d.id, d.entityRef, d.environment, d.status]),
    ).toEqual([
      [
        'acme/platform/pipelines/600/deploy prod-eu',
        'component:default/platform',
        'production',
        'success',
      ],
      [
        'acme/platform/pipelines/600/deploy staging',
        'component:default/platform',
        'staging',
        'success',
      ],
      [
        'acme/platform/pipelines/601/deploy prod-eu',
        'component:default/platform',
        'production',
        'failure',
      ],
    ]);
    // The running pipeline's jobs are not read yet; its finish updates it.
    expect(gitlab.requests).not.toContainEqual(
      expect.stringContaining('pipelines/602/jobs'),
    );
  });

  it('cursors: a second run reads from where the first stopped, per project and stream, and pages by x-next-page', async () => {
    gitlab.add(loadFixture('acme-payments-api'));
    const entities = [
      component('payments-api', {
        'gitlab.com/project-slug': 'acme/payments-api',
      }),
    ];
    const first = setup(entities);
    await first.collector.collectAll(first.sink);
    // Two per page: four merged merge requests since the lookback are two pages.
    expect(gitlab.requests).toContainEqual(
      expect.stringMatching(/^GET projects\/101\/merge_requests\?.*page=2/),
    );
    expect(await new CursorStore(knex).get('101', 'merge_requests')).toBe(
      '2026-03-11T09:00:01.000Z',
    );
    expect(await new CursorStore(knex).get('101', 'deployments')).toBe(
      '2026-03-19T23:00:00.000Z',
    );

    const before = gitlab.requests.length;
    const second = setup(entities);
    await second.collector.collectAll(second.sink);
    const requests = gitlab.requests.slice(before);
    expect(requests).toContainEqual(
      expect.stringContaining(
        'merge_requests?per_page=100&state=merged&updated_after=2026-03-11T09%3A00%3A01.000Z',
      ),
    );
    // Only the newest merge request (updated at the cursor) is read again.
    expect(
      second.written.filter(e => e.kind === 'change').map(e => e.id),
    ).toEqual(['acme/payments-api!10']);
  });

  it('a failing project is logged and the others are still collected; a rate limit wait too long stops the run', async () => {
    gitlab.add(loadFixture('acme-payments-api'));
    gitlab.broken['projects/acme%2Fbroken'] = { status: 500 };
    const { collector, sink, written, logger, clock } = setup([
      component('a-broken', { 'gitlab.com/project-slug': 'acme/broken' }),
      component('payments-api', {
        'gitlab.com/project-slug': 'acme/payments-api',
      }),
    ]);
    const report = await collector.collectAll(sink);
    expect(
      report.projects.map(p => [p.project, Object.keys(p.errors)]),
    ).toEqual([
      ['acme/broken', ['project']],
      ['acme/payments-api', []],
    ]);
    // Three retries of the 5xx, doubling.
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(logger.text()).toMatch(/GitLab acme\/broken project failed.*500/);
    expect(written.length).toBeGreaterThan(0);

    // 429 asking for an hour is more than the allowed 15 minutes.
    gitlab.once('projects/acme%2Fpayments-api', {
      status: 429,
      headers: { 'retry-after': '3600' },
      body: { message: 'Retry later' },
    });
    const later = setup([
      component('payments-api', {
        'gitlab.com/project-slug': 'acme/payments-api',
      }),
    ]);
    const stopped = await later.collector.collectAll(later.sink);
    expect(stopped.stoppedBy).toMatch(/would wait 3600 s/);
  });
});
