import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DoraEvent } from '@dora-metrics/plugin-dora-common';
import { DoraEventSink } from '@dora-metrics/plugin-dora-node';
import { Knex } from 'knex';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { doraTestDatabases } from '@dora-metrics/plugin-dora-backend/testUtils';
import { component } from '../__testUtils__/entities';
import { FAKE_TOKEN, FakeGithub } from '../__testUtils__/fakeGithub';
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
const databases = doraTestDatabases();

/** A merged pull request as the list and detail endpoints return it (trimmed). */
function mergedPull(n: number, title: string, at: string, extra: object = {}) {
  return {
    number: n,
    title,
    body: null,
    state: 'closed',
    user: { login: 'alice', type: 'User' },
    created_at: at,
    updated_at: at,
    merged_at: at,
    merge_commit_sha: `sha${n}`,
    head: { ref: `branch-${n}` },
    labels: [],
    additions: 1,
    deletions: 1,
    ...extra,
  };
}

function pullsRepo(pulls: ReturnType<typeof mergedPull>[]) {
  const repo: Record<string, unknown> = { pulls, deployments: [] };
  for (const pull of pulls) {
    repo[`pulls/${pull.number}`] = pull;
    repo[`pulls/${pull.number}/commits`] = [];
    repo[`pulls/${pull.number}/reviews`] = [];
  }
  return repo;
}

describe.each(databases.eachSupportedId())('GithubCollector on %s', id => {
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
  });

  function setup(options: {
    entities: Entity[];
    github?: object;
    /** `null`: an integration without credentials. */
    token?: string | null;
  }) {
    const clock = createTestClock(START);
    const logger = new RecordingLogger();
    const rootConfig = new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl: github.url,
            ...(options.token === null
              ? {}
              : { token: options.token ?? FAKE_TOKEN }),
          },
        ],
      },
      dora: { github: options.github ?? {}, ingest: { maxEvents: 2 } },
    });
    const config = readGithubCollectorConfig(rootConfig);
    const batches: DoraEvent[][] = [];
    const sink: DoraEventSink = {
      ingest: async events => {
        batches.push(events as DoraEvent[]);
        return { accepted: events.length };
      },
    };
    const collector = new GithubCollector({
      config,
      catalog: catalogServiceMock({ entities: options.entities }),
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
    return { collector, sink, batches, logger, clock };
  }

  it('writes in batches no larger than dora.ingest.maxEvents', async () => {
    github.repos['acme/a'] = pullsRepo([
      mergedPull(3, 'Three', '2026-03-03T10:00:00Z'),
      mergedPull(2, 'Two', '2026-03-02T10:00:00Z'),
      mergedPull(1, 'One', '2026-03-01T10:00:00Z'),
    ]);
    const { collector, sink, batches } = setup({
      entities: [component('a', { 'github.com/project-slug': 'acme/a' })],
    });
    const report = await collector.collectAll(sink);
    expect(batches.map(b => b.length)).toEqual([2, 1]);
    expect(report.repositories[0].ingested).toEqual({
      pulls: 3,
      deployments: 0,
    });
  });

  it('a primary limit reset beyond the allowed wait stops the run; later repositories wait for the next run', async () => {
    github.repos['acme/a'] = pullsRepo([]);
    github.repos['acme/b'] = pullsRepo([]);
    github.once('/repos/acme/a/pulls', {
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Date.parse(START) / 1000 + 3600),
      },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });
    const { collector, sink, clock } = setup({
      entities: [
        component('a', { 'github.com/project-slug': 'acme/a' }),
        component('b', { 'github.com/project-slug': 'acme/b' }),
      ],
      github: { rateLimit: { maxWaitSeconds: 600 } },
    });
    const from = github.requests.length;
    const report = await collector.collectAll(sink);
    expect(report.stoppedBy).toMatch(/primary rate limit/);
    expect(report.repositories).toEqual([]);
    expect(clock.sleeps).toEqual([]);
    expect(github.requestsSince(from)).toEqual([
      expect.stringMatching(/^GET \/repos\/acme\/a\/pulls\?/),
    ]);
    expect(
      Number((await knex('dora_github_cursors').count({ n: '*' }))[0].n),
    ).toBe(0);
  });

  it('a Revert "title" pull request whose original is older than the run is resolved through the search API', async () => {
    github.repos['acme/a'] = pullsRepo([
      mergedPull(50, 'Revert "Enable HTTP/2"', '2026-03-10T10:00:00Z', {
        head: { ref: 'undo-http2' },
      }),
    ]);
    github.searches['repo:acme/a is:pr is:merged in:title "Enable HTTP/2"'] = [
      { number: 12, title: 'Enable HTTP/2 for the edge' },
      { number: 11, title: 'Enable HTTP/2' },
    ];
    const { collector, sink, batches } = setup({
      entities: [component('a', { 'github.com/project-slug': 'acme/a' })],
    });
    await collector.collectAll(sink);
    expect(batches.flat()).toMatchObject([
      { id: 'acme/a#50', revertOf: 'acme/a#11' },
    ]);
  });

  it('an event that would not validate is logged and left out; the rest is written and the cursor moves', async () => {
    github.repos['acme/a'] = pullsRepo([
      mergedPull(2, 'Good', '2026-03-02T10:00:00Z'),
      mergedPull(1, 'Bad date', '2026-03-01T10:00:00Z', {
        created_at: 'yesterday',
      }),
    ]);
    const { collector, sink, batches, logger } = setup({
      entities: [component('a', { 'github.com/project-slug': 'acme/a' })],
    });
    await collector.collectAll(sink);
    expect(batches.flat().map(e => e.id)).toEqual(['acme/a#2']);
    expect(logger.text()).toMatch(
      /skipped an event that does not validate.*acme\/a#1/,
    );
    const cursor = await new CursorStore(knex).get('acme/a', 'pulls');
    expect(cursor).toBe('2026-03-02T10:00:00Z');
  });

  it('when the sink refuses a batch the cursor stays, and the next repository is still collected', async () => {
    github.repos['acme/a'] = pullsRepo([
      mergedPull(1, 'One', '2026-03-01T10:00:00Z'),
    ]);
    github.repos['acme/b'] = pullsRepo([
      mergedPull(1, 'One', '2026-03-01T10:00:00Z'),
    ]);
    const written: string[] = [];
    const { collector, logger } = setup({
      entities: [
        component('a', { 'github.com/project-slug': 'acme/a' }),
        component('b', { 'github.com/project-slug': 'acme/b' }),
      ],
    });
    const refusing = await collector.collectAll({
      ingest: async events => {
        const ids = (events as DoraEvent[]).map(e => e.id);
        if (ids.includes('acme/a#1')) throw new Error('database unavailable');
        written.push(...ids);
        return { accepted: events.length };
      },
    });
    expect(refusing.repositories[0].errors).toEqual({
      pulls: 'database unavailable',
    });
    expect(written).toEqual(['acme/b#1']);
    expect(await new CursorStore(knex).get('acme/a', 'pulls')).toBeUndefined();
    expect(await new CursorStore(knex).get('acme/b', 'pulls')).toBe(
      '2026-03-01T10:00:00Z',
    );
    expect(logger.text()).toMatch(
      /GitHub acme\/a pulls failed.*database unavailable/,
    );
  });

  it('without credentials for the host, nothing is requested and the repository reports why', async () => {
    github.repos['acme/a'] = pullsRepo([]);
    const { collector, sink } = setup({
      entities: [component('a', { 'github.com/project-slug': 'acme/a' })],
      token: null,
    });
    const from = github.requests.length;
    const report = await collector.collectAll(sink);
    expect(report.repositories[0].errors).toEqual({
      all: expect.stringMatching(
        /No GitHub credentials for https:\/\/github.com\/acme\/a/,
      ),
    });
    expect(github.requestsSince(from)).toEqual([]);
  });

  it('a repository named by two entities, or a slug that is not owner/repo, is skipped with a warning', async () => {
    github.repos['acme/ok'] = pullsRepo([]);
    const { collector, sink, logger } = setup({
      entities: [
        component('twin-a', { 'github.com/project-slug': 'acme/mono' }),
        component('twin-b', { 'github.com/project-slug': 'Acme/Mono' }),
        component('odd', { 'github.com/project-slug': 'just-a-name' }),
        component('ok', { 'github.com/project-slug': 'acme/ok' }),
      ],
    });
    const report = await collector.collectAll(sink);
    expect(report.repositories.map(r => r.repository)).toEqual(['acme/ok']);
    expect(logger.text()).toMatch(
      /acme\/mono is the github.com\/project-slug of 2 entities/,
    );
    expect(logger.text()).toMatch(/"just-a-name", which is not owner\/repo/);
  });

  it('a deployment without an outcome holds the deployments cursor back only within 24 hours', async () => {
    const deployment = (deploymentId: number, created: string) => ({
      id: deploymentId,
      sha: `sha${deploymentId}`,
      environment: 'production',
      created_at: created,
    });
    github.repos['acme/a'] = {
      pulls: [],
      deployments: [
        deployment(3, '2026-03-19T20:00:00Z'),
        deployment(2, '2026-03-10T10:00:00Z'),
        deployment(1, '2026-03-01T10:00:00Z'),
      ],
      'deployments/3/statuses': [
        { id: 31, state: 'success', created_at: '2026-03-19T20:05:00Z' },
      ],
      // abandoned: queued for ten days, never finished
      'deployments/2/statuses': [
        { id: 21, state: 'queued', created_at: '2026-03-10T10:00:00Z' },
      ],
      'deployments/1/statuses': [
        { id: 11, state: 'success', created_at: '2026-03-01T10:05:00Z' },
      ],
    };
    const { collector, sink, batches } = setup({
      entities: [component('a', { 'github.com/project-slug': 'acme/a' })],
    });
    await collector.collectAll(sink);
    expect(batches.flat().map(e => e.id)).toEqual([
      'acme/a/deployments/3',
      'acme/a/deployments/1',
    ]);
    expect(await new CursorStore(knex).get('acme/a', 'deployments')).toBe(
      '2026-03-19T20:00:00Z',
    );
  });
});
