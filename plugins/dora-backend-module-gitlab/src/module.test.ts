import { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { doraTestDatabases } from '@dora-metrics/plugin-dora-backend/testUtils';
import { component } from './__testUtils__/entities';
import { FAKE_TOKEN, FakeGitlab } from './__testUtils__/fakeGitlab';
import { loadFixture } from './__testUtils__/loadFixture';
import { startBackend } from './__testUtils__/startBackend';
import { createTestClock } from '@dora-metrics/plugin-dora-node/testUtils';
import { GITLAB_COLLECT_TASK } from './gitlabEventProvider';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const START = '2026-03-20T00:00:00Z';
const SECRETS = ['old-token-being-rotated', 'new-webhook-token'];

const entities = [
  component('broken-svc', { 'gitlab.com/project-slug': 'acme/broken' }),
  component('payments-api', { 'gitlab.com/project-slug': 'acme/payments-api' }),
  component('platform', {
    'gitlab.com/project-id': '202',
    'dora/gitlab-deployment-job': 'deploy prod*',
  }),
];

function webhookFixture(name: string): string {
  return fs.readFileSync(
    path.join(__dirname, 'webhooks', '__fixtures__', `${name}.json`),
    'utf8',
  );
}

describe.each(databases.eachSupportedId())('the GitLab module on %s', id => {
  let knex: Knex;
  let gitlab: FakeGitlab;
  let clock: ReturnType<typeof createTestClock>;
  let started: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    knex = await databases.init(id);
    gitlab = new FakeGitlab();
    await gitlab.start();
    gitlab.add(loadFixture('acme-payments-api'));
    gitlab.broken['projects/acme%2Fbroken'] = { status: 502 };
    clock = createTestClock(START);
    started = await startBackend({
      knex,
      entities,
      clock,
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
          },
          webhooks: { gitlab: { secrets: SECRETS, maxAge: '3650d' } },
        },
      },
    });
  });

  afterAll(async () => {
    await started?.backend.stop();
    await gitlab?.stop();
  });

  it('schedules one global collection task with the configured schedule', () => {
    const task = started.scheduler.tasks.get(GITLAB_COLLECT_TASK);
    expect(task?.scope).toBe('global');
    expect(task?.frequency).toEqual({ minutes: 10 });
  });

  it('a run stores changes and deployments, waits as GitLab asks on 429 and retries 5xx, and a failing project does not stop the others', async () => {
    gitlab.once('projects/101/merge_requests/7/notes', {
      status: 429,
      headers: { 'retry-after': '7' },
      body: { message: 'Retry later' },
    });
    gitlab.once('projects/101/merge_requests/8/diffs', {
      status: 503,
      body: { message: '503 Service Unavailable' },
    });
    // The limit is used up after this answer: pause until RateLimit-Reset.
    const reset = Date.parse(START) / 1000 + 120;
    gitlab.once(/^projects\/101\/deployments/, {
      headers: {
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(reset),
      },
    });

    await started.scheduler.run(GITLAB_COLLECT_TASK);

    // broken: 3 retries of the 502; then 7 s (Retry-After), 1 s (503), and
    // the pause to the reset (120 s + 1 s margin - the 15 s already waited).
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 7000, 1000, 106_000]);

    const changes = await knex('dora_changes')
      .where({ source: 'gitlab' })
      .orderBy('id');
    expect(changes.map(c => c.id)).toEqual([
      'acme/payments-api!10',
      'acme/payments-api!7',
      'acme/payments-api!8',
      'acme/payments-api!9',
    ]);
    const mr7 = changes.find(c => c.id === 'acme/payments-api!7');
    expect(mr7).toMatchObject({
      entity_ref: 'component:default/payments-api',
      repository: 'acme/payments-api',
      author: 'alice',
      author_kind: 'human',
      additions: 5,
      deletions: 1,
      // bob commented, carol approved; the author and the bot do not count
      review_count: 2,
      merge_commit_sha: 'a1'.repeat(20),
    });
    expect(Number(mr7.first_commit_at)).toBe(
      Date.parse('2026-02-28T15:00:00Z'),
    );
    expect(Number(mr7.first_review_at)).toBe(
      Date.parse('2026-03-01T11:00:00Z'),
    );
    expect(Number(mr7.approved_at)).toBe(Date.parse('2026-03-02T10:00:00Z'));
    expect(JSON.parse(mr7.paths)).toEqual([
      'docs/old.md',
      'docs/refunds.md',
      'src/refunds.ts',
      'src/routes.ts',
    ]);
    const mr8 = changes.find(c => c.id === 'acme/payments-api!8');
    // Reverts by title: among this run's merge requests, and by title search.
    expect(mr8).toMatchObject({
      revert_of: 'acme/payments-api!7',
      author_kind: 'bot',
      merge_commit_sha: 'b2'.repeat(20),
    });
    expect(changes.find(c => c.id === 'acme/payments-api!10')?.revert_of).toBe(
      'acme/payments-api!3',
    );

    const deployments = await knex('dora_deployments')
      .where({ source: 'gitlab' })
      .orderBy('id');
    expect(deployments.map(d => [d.id, d.environment, d.status])).toEqual([
      ['acme/payments-api/deployments/9001', 'production', 'success'],
      ['acme/payments-api/deployments/9002', 'staging', 'failure'],
      ['acme/payments-api/deployments/9003', 'production', 'aborted'],
    ]);

    const warnings = started.logger.lines
      .filter(l => l.level === 'warn')
      .map(l => l.message);
    expect(warnings).toContainEqual(
      expect.stringMatching(/^GitLab acme\/broken project failed.*502/),
    );
    // project 202 is not served: its failure (404) is logged too.
    expect(warnings).toContainEqual(
      expect.stringMatching(/^GitLab project 202 project failed.*404/),
    );
    expect(started.logger.text()).not.toContain(FAKE_TOKEN);
  });

  const post = (body: string, headers: Record<string, string>) =>
    request(started.server)
      .post('/api/dora/v1/webhooks/gitlab')
      .set({ 'content-type': 'application/json', ...headers })
      .send(body);

  it('webhooks: X-Gitlab-Token must be one of the secrets, and a replayed delivery is refused', async () => {
    const body = webhookFixture('merge_request.merge');
    const headers = {
      'x-gitlab-event': 'Merge Request Hook',
      'x-gitlab-event-uuid': '8b7e3a6c-0c39-4f7c-9a9c-000000000001',
    };
    const forged = await post(body, { ...headers, 'x-gitlab-token': 'guess' });
    expect(forged.status).toBe(401);
    const missing = await post(body, headers);
    expect(missing.status).toBe(401);

    // The second secret (rotation) is accepted.
    const ok = await post(body, { ...headers, 'x-gitlab-token': SECRETS[1] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'accepted', accepted: 1 });
    const replay = await post(body, {
      ...headers,
      'x-gitlab-token': SECRETS[0],
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/replayed/);

    // The same change id as the collector's: the row is replaced, not doubled.
    const rows = await knex('dora_changes').where({
      source: 'gitlab',
      id: 'acme/payments-api!7',
    });
    expect(rows).toHaveLength(1);
    expect(started.logger.text()).not.toContain(SECRETS[1]);
  });

  it('webhooks: Idempotency-Key is the delivery id when sent; deployment and pipeline hooks become deployments', async () => {
    const deployment = webhookFixture('deployment.success');
    const first = await post(deployment, {
      'x-gitlab-event': 'Deployment Hook',
      'x-gitlab-token': SECRETS[0],
      'x-gitlab-event-uuid': 'uuid-a',
      'idempotency-key': 'key-1',
    });
    expect(first.status).toBe(200);
    // A retry by GitLab: a new event UUID but the same Idempotency-Key.
    const retried = await post(deployment, {
      'x-gitlab-event': 'Deployment Hook',
      'x-gitlab-token': SECRETS[0],
      'x-gitlab-event-uuid': 'uuid-b',
      'idempotency-key': 'key-1',
    });
    expect(retried.status).toBe(401);
    const stored = await knex('dora_deployments')
      .where({ source: 'gitlab', id: 'acme/payments-api/deployments/9001' })
      .first();
    expect(stored).toMatchObject({
      environment: 'production',
      status: 'success',
      commit_sha: 'a1'.repeat(20),
    });
    expect(Number(stored.finished_at)).toBe(Date.parse('2026-03-02T16:05:00Z'));

    const pipeline = await post(webhookFixture('pipeline.success'), {
      'x-gitlab-event': 'Pipeline Hook',
      'x-gitlab-token': SECRETS[0],
      'x-gitlab-event-uuid': 'uuid-c',
    });
    expect(pipeline.status).toBe(200);
    const job = await knex('dora_deployments')
      .where({
        source: 'gitlab',
        id: 'acme/platform/pipelines/600/deploy prod-eu',
      })
      .first();
    // The last attempt (8002, success) counts, not the failed first one.
    expect(job).toMatchObject({
      entity_ref: 'component:default/platform',
      environment: 'production',
      status: 'success',
    });
  });
});
