import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
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

const entities = [
  component('broken-svc', { 'github.com/project-slug': 'acme/broken' }),
  component('gone-svc', { 'github.com/project-slug': 'acme/missing' }),
  component('payments-api', { 'github.com/project-slug': 'acme/payments-api' }),
  component('web-app', {
    'github.com/project-slug': 'acme/web-app',
    'dora/github-deployment-workflow': 'deploy.yml',
  }),
  component('no-github'),
];

/** Rows sorted by id; instants as numbers (PostgreSQL returns bigint as text). */
async function rows(knex: Knex, table: string) {
  const all: Record<string, any>[] = await knex(table).select('*');
  return all
    .map(row =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          key.endsWith('_at') && value !== null ? Number(value) : value,
        ]),
      ),
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function eventCount(knex: Knex): Promise<number> {
  const changes = await knex('dora_changes').count({ n: '*' });
  const deployments = await knex('dora_deployments').count({ n: '*' });
  return Number(changes[0].n) + Number(deployments[0].n);
}

describe.each(databases.eachSupportedId())(
  'scheduled GitHub collection on %s',
  databaseId => {
    let knex: Knex;
    let github: FakeGithub;
    let clock: ReturnType<typeof createTestClock>;
    let started: Awaited<ReturnType<typeof startBackend>>;

    const config = () => ({
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
    });
    const metrics = (entityRef: string, from: string, to: string) =>
      request(started.server)
        .get('/api/dora/v1/metrics')
        .set('Authorization', mockCredentials.user.header())
        .query({ entityRef, from, to });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      github = new FakeGithub();
      await github.start();
      github.repos['acme/payments-api'] = loadFixture('acme-payments-api');
      github.repos['acme/web-app'] = loadFixture('acme-web-app');
      github.broken['acme/broken'] = {
        status: 502,
        body: { message: 'Server Error' },
      };
      clock = createTestClock(START);
      started = await startBackend({ knex, entities, config: config(), clock });
    });

    afterAll(async () => {
      await started?.backend.stop();
      await github?.stop();
    });

    it('schedules one global task with the configured schedule', () => {
      const task = started.scheduler.tasks.get(GITHUB_COLLECT_TASK);
      expect(task?.scope).toBe('global');
      expect(task?.frequency).toEqual({ minutes: 10 });
      expect(task?.timeout).toEqual({ minutes: 5 });
    });

    it('first run: fills the store, honours rate limits, and failing repositories do not stop the others', async () => {
      // The primary limit is exhausted on the second page of pull requests:
      // the next request waits until the reset instant (one second of margin).
      const reset = Date.parse(START) / 1000 + 60;
      github.once(/^\/repos\/acme\/payments-api\/pulls\?.*page=2/, {
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
        },
      });
      // A secondary limit with retry-after: wait 7 s, then retry.
      github.once('/repos/acme/payments-api/pulls/102/reviews', {
        status: 403,
        headers: { 'retry-after': '7' },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
      });

      await started.scheduler.run(GITHUB_COLLECT_TASK);

      // broken (502): 3 retries with backoff per stream; missing (404): none;
      // 47 s = reset (start + 60 s) - now (start + 14 s of backoff) + 1 s.
      expect(clock.sleeps).toEqual([
        1000, 2000, 4000, 1000, 2000, 4000, 47_000, 7000,
      ]);

      const changes = await rows(knex, 'dora_changes');
      expect(changes.map(c => c.id)).toEqual([
        'acme/payments-api#101',
        'acme/payments-api#102',
        'acme/payments-api#104',
        'acme/web-app#6',
        'acme/web-app#7',
        'acme/web-app#8',
      ]);
      const pr102 = changes.find(c => c.id === 'acme/payments-api#102');
      expect(pr102).toMatchObject({
        source: 'github',
        entity_ref: 'component:default/payments-api',
        repository: 'acme/payments-api',
        additions: 120,
        deletions: 30,
        // the author's own review, the bot and the pending review do not count
        review_count: 3,
        first_commit_at: Date.parse('2026-03-02T08:00:00Z'),
        first_review_at: Date.parse('2026-03-02T10:00:00Z'),
        approved_at: Date.parse('2026-03-02T11:00:00Z'),
        merged_at: Date.parse('2026-03-02T12:00:00Z'),
      });
      // revert by GitHub's revert branch, and by `Revert "title"` alone
      expect(
        changes.find(c => c.id === 'acme/payments-api#104')?.revert_of,
      ).toBe('acme/payments-api#101');
      expect(changes.find(c => c.id === 'acme/web-app#8')?.revert_of).toBe(
        'acme/web-app#6',
      );

      const deployments = await rows(knex, 'dora_deployments');
      expect(deployments.map(d => [d.id, d.environment, d.status])).toEqual([
        ['acme/payments-api/deployments/501', 'production', 'success'],
        ['acme/payments-api/deployments/502', 'staging', 'success'],
        ['acme/payments-api/deployments/503', 'production', 'failure'],
        ['acme/payments-api/deployments/504', 'production', 'success'],
        ['acme/web-app/runs/9000', 'production', 'success'],
        ['acme/web-app/runs/9001', 'production', 'failure'],
        ['acme/web-app/runs/9002', 'production', 'aborted'],
        ['acme/web-app/runs/9003', 'production', 'success'],
      ]);

      // Paging stopped at the first pull request older than the lookback.
      expect(github.requests).toContainEqual(
        expect.stringMatching(/payments-api\/pulls\?.*page=3/),
      );
      expect(github.requests).not.toContainEqual(
        expect.stringMatching(/payments-api\/pulls\?.*page=4/),
      );
      expect(github.requests).not.toContainEqual(
        expect.stringContaining('/pulls/90'),
      );
      // Each failure is logged per repository and stream; tokens never are.
      const warnings = started.logger.lines
        .filter(l => l.level === 'warn')
        .map(l => l.message);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^GitHub acme\/broken pulls failed.*502/),
          expect.stringMatching(/^GitHub acme\/broken deployments failed.*502/),
          expect.stringMatching(/^GitHub acme\/missing pulls failed.*404/),
        ]),
      );
      expect(started.logger.text()).toMatch(
        /GitHub acme\/payments-api pulls: 3 events/,
      );
      expect(started.logger.text()).not.toContain(FAKE_TOKEN);
      // Every repository was tried despite the failures before it.
      expect(
        github.requests.filter(r => r.includes('/repos/acme/broken/')),
      ).toHaveLength(8);
      expect(
        github.requests.filter(r => r.includes('/repos/acme/missing/')),
      ).toHaveLength(2);

      const cursors = (
        await knex('dora_github_cursors').select(
          'repository',
          'stream',
          'cursor',
        )
      ).sort((a, b) =>
        `${a.repository} ${a.stream}` < `${b.repository} ${b.stream}` ? -1 : 1,
      );
      expect(cursors).toEqual([
        // deployment 505 is still running: it holds the cursor back
        {
          repository: 'acme/payments-api',
          stream: 'deployments',
          cursor: '2026-03-19T23:00:00Z',
        },
        {
          repository: 'acme/payments-api',
          stream: 'pulls',
          cursor: '2026-03-05T12:05:00Z',
        },
        {
          repository: 'acme/web-app',
          stream: 'pulls',
          cursor: '2026-03-04T09:01:00Z',
        },
        {
          repository: 'acme/web-app',
          stream: 'runs:deploy.yml',
          cursor: '2026-03-19T23:50:00Z',
        },
      ]);
    });

    it('metrics from collected GitHub deployments: counts, lead time from first commit, revert = failed change', async () => {
      const res = await metrics(
        'component:default/payments-api',
        '2026-03-01T00:00:00Z',
        '2026-03-08T00:00:00Z',
      );
      expect(res.status).toBe(200);
      expect(res.body.mode).toBe('deployments');
      // 501 and 504: staging 502 and failed 503 do not count
      expect(res.body.deploymentFrequency.count).toBe(2);
      // #101: 13:10 - 06:00 = 25800 s; #102: 3d 5h 10m = 277800 s; #104: 2h 10m = 7800 s
      expect(res.body.leadTime).toMatchObject({
        sampleSize: 3,
        median: 25800,
        mean: 103800,
      });
      // #104 reverts #101, shipped by 501
      expect(res.body.changeFailureRate).toMatchObject({
        failed: 1,
        total: 2,
        ratio: 0.5,
      });
      expect(res.body.pullRequests.merged).toBe(3);
      // first reviews by others: 7200 s (#101), 3600 s (#102), 1200 s (#104)
      expect(res.body.pullRequests.timeToFirstReview.median).toBe(3600);
    });

    it('metrics from workflow runs as deployments (cancelled = aborted, failed runs not counted)', async () => {
      const res = await metrics(
        'component:default/web-app',
        '2026-03-01T00:00:00Z',
        '2026-03-08T00:00:00Z',
      );
      expect(res.status).toBe(200);
      expect(res.body.deploymentFrequency.count).toBe(2);
      // #6: 263280 s, #7: 11280 s (run 9000), #8: 9720 s (run 9003)
      expect(res.body.leadTime).toMatchObject({ sampleSize: 3, median: 11280 });
      // #8 reverts "Tune cache" (#6), shipped by run 9000
      expect(res.body.changeFailureRate).toMatchObject({ failed: 1, total: 2 });
      // merged in the window: #7 (no review) and #8 (#6 merged before it)
      expect(res.body.pullRequests.merged).toBe(2);
      expect(res.body.pullRequests.unreviewedRatio).toBe(0.5);
    });

    it('second run with nothing new: stores nothing new and reads only from the cursors', async () => {
      const before = await eventCount(knex);
      const from = github.requests.length;
      await started.scheduler.run(GITHUB_COLLECT_TASK);
      const made = github.requestsSince(from);

      expect(await eventCount(knex)).toBe(before);
      // One page of pull requests; only #104, updated at the cursor instant, is read again.
      const paymentsPulls = made.filter(r =>
        r.startsWith('GET /repos/acme/payments-api/pulls'),
      );
      expect(paymentsPulls).toEqual([
        expect.stringMatching(/^GET \/repos\/acme\/payments-api\/pulls\?/),
        'GET /repos/acme/payments-api/pulls/104',
        'GET /repos/acme/payments-api/pulls/104/commits?per_page=100',
        'GET /repos/acme/payments-api/pulls/104/reviews?per_page=100',
      ]);
      // Only the still-running deployment's statuses are read again.
      expect(made.filter(r => r.includes('/statuses'))).toEqual([
        'GET /repos/acme/payments-api/deployments/505/statuses?per_page=100',
      ]);
    });

    it('after a restart, continues from the stored cursors and collects only what is new', async () => {
      await started.backend.stop();
      const fixture = github.repos['acme/payments-api'];
      const later = loadFixture('acme-payments-api-later');
      // A new merged pull request, and the running deployment finished.
      fixture.pulls = [later['pulls/new'], ...(fixture.pulls as unknown[])];
      for (const key of [
        'pulls/105',
        'pulls/105/commits',
        'pulls/105/reviews',
      ]) {
        fixture[key] = later[key];
      }
      fixture['deployments/505/statuses'] = [
        later['deployments/505/statuses/new'],
        ...(fixture['deployments/505/statuses'] as unknown[]),
      ];
      started = await startBackend({ knex, entities, config: config(), clock });
      const before = await eventCount(knex);
      const from = github.requests.length;

      await started.scheduler.run(GITHUB_COLLECT_TASK);

      expect(await eventCount(knex)).toBe(before + 2);
      const made = github.requestsSince(from);
      expect(made).not.toContainEqual(expect.stringContaining('/pulls/101'));
      expect(made).not.toContainEqual(expect.stringContaining('/pulls/102'));
      const deployment = (await rows(knex, 'dora_deployments')).find(
        d => d.id === 'acme/payments-api/deployments/505',
      );
      expect(deployment).toMatchObject({
        status: 'success',
        finished_at: Date.parse('2026-03-19T23:30:00Z'),
      });

      const res = await metrics(
        'component:default/payments-api',
        '2026-03-15T00:00:00Z',
        '2026-03-20T00:00:00Z',
      );
      expect(res.status).toBe(200);
      expect(res.body.deploymentFrequency.count).toBe(1);
      // #105: first commit 18:00, deployed 23:30
      expect(res.body.leadTime).toMatchObject({ sampleSize: 1, median: 19800 });

      const cursor = await knex('dora_github_cursors')
        .where({ repository: 'acme/payments-api', stream: 'deployments' })
        .first();
      expect(cursor.cursor).toBe('2026-03-19T23:00:00Z');
    });
  },
);
