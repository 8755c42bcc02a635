import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import deploymentStatus from './__fixtures__/deployment_status.created.json';
import ping from './__fixtures__/ping.json';
import pullRequestClosed from './__fixtures__/pull_request.closed.json';
import review from './__fixtures__/pull_request_review.submitted.json';
import workflowRun from './__fixtures__/workflow_run.completed.json';
// The tests start the real dora backend that this module extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  Knex,
  clearTables,
  countRows,
  doraTestDatabases,
  startDoraTestBackend,
} from '@dora-metrics/plugin-dora-backend/testUtils';
import { githubWebhookTestModule } from './__testUtils__/githubWebhookTestModule';
import { signGithubBody } from '.';

jest.setTimeout(120_000);

const OLD_SECRET = 'old-github-webhook-secret';
const NEW_SECRET = 'new-github-webhook-secret';
const URL = '/api/dora/v1/webhooks/github';
const HOUR = 3_600_000;
const PAYMENTS = 'component:default/payments-api';
const WEB_APP = 'component:default/web-app';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  };
}

const MONO_PLATFORM = 'component:default/mono-platform';
const MONO_API = 'component:default/mono-api';

const entities = [
  component('payments-api', { 'github.com/project-slug': 'acme/payments-api' }),
  // A monorepo: the default entity and one that claims paths with its own workflow.
  component('mono-platform', { 'github.com/project-slug': 'acme/mono' }),
  component('mono-api', {
    'github.com/project-slug': 'acme/mono',
    'dora/paths': 'services/api',
    'dora/github-deployment-workflow': 'deploy.yml',
  }),
  component('web-app', {
    'github.com/project-slug': 'Acme/Web-App',
    'dora/github-deployment-workflow': 'deploy.yml',
  }),
];

const ago = (hours: number) =>
  new Date(Date.now() - hours * HOUR).toISOString();
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The merged pull request, opened 3 h ago and merged `mergedHoursAgo`. */
function mergedPull(mergedHoursAgo = 1) {
  const payload = clone(pullRequestClosed);
  payload.pull_request.created_at = ago(3);
  for (const field of ['merged_at', 'closed_at', 'updated_at'] as const) {
    payload.pull_request[field] = ago(mergedHoursAgo);
  }
  return payload;
}

function successfulDeployment(hoursAgo = 0.5) {
  const payload = clone(deploymentStatus);
  payload.deployment.created_at = ago(hoursAgo + 0.1);
  payload.deployment_status.created_at = ago(hoursAgo);
  payload.deployment_status.updated_at = ago(hoursAgo);
  return payload;
}

function completedRun(hoursAgo = 0.5) {
  const payload = clone(workflowRun);
  payload.workflow_run.created_at = ago(hoursAgo + 0.1);
  payload.workflow_run.run_started_at = ago(hoursAgo + 0.1);
  payload.workflow_run.updated_at = ago(hoursAgo);
  return payload;
}

const databases = doraTestDatabases();

describe.each(databases.eachSupportedId())(
  'GitHub webhooks on %s',
  databaseId => {
    const logger = mockServices.logger.mock();
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startDoraTestBackend>>['server'];
    let deliveries = 0;

    const deliver = (
      event: string,
      payload: unknown,
      options: { secret?: string | null; deliveryId?: string } = {},
    ) => {
      const body = JSON.stringify(payload);
      deliveries += 1;
      const req = request(server)
        .post(URL)
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', event)
        .set(
          'X-GitHub-Delivery',
          options.deliveryId ?? `delivery-${deliveries}-${Date.now()}`,
        );
      if (options.secret !== null) {
        req.set(
          'X-Hub-Signature-256',
          signGithubBody(body, options.secret ?? NEW_SECRET),
        );
      }
      return req.send(body);
    };
    const changes = () => knex('dora_changes').select('*').orderBy('id');
    const deployments = () =>
      knex('dora_deployments').select('*').orderBy('id');
    const withoutIngestTime = (rows: Record<string, unknown>[]) =>
      rows.map(({ ingested_at: _, ...row }) => row);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startDoraTestBackend({
        knex,
        entities,
        config: {
          dora: {
            webhooks: { github: { secrets: [OLD_SECRET, NEW_SECRET] } },
            github: {
              workflowEnvironments: [
                { match: '*to staging', environment: 'staging' },
              ],
            },
          },
        },
        features: [githubWebhookTestModule, logger.factory],
      }));
    });
    beforeEach(() =>
      clearTables(knex, [
        'dora_changes',
        'dora_deployments',
        'dora_webhook_deliveries',
      ]),
    );

    it('stores a merged pull request as a change of the entity named by github.com/project-slug', async () => {
      const payload = mergedPull();
      const res = await deliver('pull_request', payload);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'accepted', accepted: 1 });
      const [row] = await changes();
      expect(row).toMatchObject({
        source: 'github',
        id: 'acme/payments-api#481',
        entity_ref: PAYMENTS,
        repository: 'acme/payments-api',
        number: 481,
        author: 'jdoe',
        author_kind: 'human',
        merge_commit_sha: '9f1c2ab4d5e6f708192a3b4c5d6e7f8091a2b3c4',
        additions: 120,
        deletions: 30,
        first_commit_at: null,
        url: 'https://github.com/acme/payments-api/pull/481',
      });
      expect(Number(row.merged_at)).toBe(
        Date.parse(payload.pull_request.merged_at),
      );
    });

    it('refuses an unsigned delivery with 401 and writes nothing', async () => {
      const res = await deliver('pull_request', mergedPull(), { secret: null });
      expect(res.status).toBe(401);
      expect(await countRows(knex, 'dora_changes')).toBe(0);
      expect(await countRows(knex, 'dora_webhook_deliveries')).toBe(0);
    });

    it('refuses a forged delivery (body changed after signing) with 401', async () => {
      const payload = mergedPull();
      const signature = signGithubBody(JSON.stringify(payload), NEW_SECRET);
      payload.pull_request.additions = 1;
      const res = await request(server)
        .post(URL)
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'pull_request')
        .set('X-GitHub-Delivery', 'forged-1')
        .set('X-Hub-Signature-256', signature)
        .send(JSON.stringify(payload));
      expect(res.status).toBe(401);
      expect(await countRows(knex, 'dora_changes')).toBe(0);
    });

    it('refuses a delivery signed with a secret that is not configured with 401', async () => {
      const res = await deliver('pull_request', mergedPull(), {
        secret: 'another-secret',
      });
      expect(res.status).toBe(401);
      expect(await countRows(knex, 'dora_changes')).toBe(0);
    });

    it('accepts the old and the new secret while rotating', async () => {
      expect(
        (await deliver('pull_request', mergedPull(), { secret: OLD_SECRET }))
          .status,
      ).toBe(200);
      expect(
        (
          await deliver('deployment_status', successfulDeployment(), {
            secret: NEW_SECRET,
          })
        ).status,
      ).toBe(200);
    });

    it('refuses a stale delivery (object updated longer ago than maxAge, default 3d) with 401', async () => {
      const res = await deliver('pull_request', mergedPull(73));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/stale/i);
      expect(await countRows(knex, 'dora_changes')).toBe(0);
    });

    it('refuses a replayed delivery (same X-GitHub-Delivery) with 401 and writes nothing new', async () => {
      const first = await deliver('pull_request', mergedPull(), {
        deliveryId: 'a1b2c3d4-0000-11f0-8000-000000000001',
      });
      expect(first.status).toBe(200);
      const before = await changes();
      const changed = mergedPull();
      changed.pull_request.title = 'Replayed with other content';
      const replay = await deliver('pull_request', changed, {
        deliveryId: 'a1b2c3d4-0000-11f0-8000-000000000001',
      });
      expect(replay.status).toBe(401);
      expect(replay.body.error.message).toMatch(/replayed/);
      expect(await changes()).toEqual(before);
    });

    it('stores nothing new when the same content comes again under a new delivery id (idempotent upsert)', async () => {
      const payload = mergedPull();
      expect((await deliver('pull_request', payload)).status).toBe(200);
      const before = withoutIngestTime(await changes());
      expect((await deliver('pull_request', payload)).status).toBe(200);
      expect(withoutIngestTime(await changes())).toEqual(before);
      expect(await countRows(knex, 'dora_webhook_deliveries')).toBe(2);
    });

    it('acknowledges pull_request_review, ping and unknown events with 2xx and writes nothing', async () => {
      const reviewed = clone(review);
      const results = await Promise.all([
        deliver('pull_request_review', reviewed),
        deliver('ping', ping),
        deliver('issues', { action: 'opened' }),
      ]);
      for (const res of results) {
        expect(res.status).toBe(202);
        expect(res.body.status).toBe('ignored');
      }
      expect(results[0].body.reason).toContain('review times come from');
      expect(await countRows(knex, 'dora_changes')).toBe(0);
    });

    it('acknowledges a pull request closed without merge and writes nothing', async () => {
      const payload = mergedPull();
      payload.pull_request.merged_at = null as unknown as string;
      const res = await deliver('pull_request', payload);
      expect(res.status).toBe(202);
      expect(await countRows(knex, 'dora_changes')).toBe(0);
    });

    it('does not erase what the collector stored: commit and review times survive a pull_request delivery', async () => {
      const payload = mergedPull();
      const collected = {
        kind: 'change',
        source: 'github',
        id: 'acme/payments-api#481',
        entityRef: PAYMENTS,
        repository: 'acme/payments-api',
        number: 481,
        firstCommitAt: ago(5),
        openedAt: payload.pull_request.created_at,
        firstReviewAt: ago(2),
        approvedAt: ago(1.5),
        mergedAt: payload.pull_request.merged_at,
        reviewCount: 2,
      };
      const ingested = await request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', mockCredentials.service.header())
        .send({ events: [collected] });
      expect(ingested.status).toBe(200);

      expect((await deliver('pull_request', payload)).status).toBe(200);
      const [row] = await changes();
      expect(Number(row.first_commit_at)).toBe(
        Date.parse(collected.firstCommitAt),
      );
      expect(Number(row.first_review_at)).toBe(
        Date.parse(collected.firstReviewAt),
      );
      expect(Number(row.approved_at)).toBe(Date.parse(collected.approvedAt));
      expect(row.review_count).toBe(2);
      expect(row.additions).toBe(120); // known only from the delivery
    });

    it('stores a successful deployment_status as a deployment of the repository entity', async () => {
      const payload = successfulDeployment();
      const res = await deliver('deployment_status', payload);
      expect(res.status).toBe(200);
      const [row] = await deployments();
      expect(row).toMatchObject({
        source: 'github',
        id: 'acme/payments-api/deployments/2211',
        entity_ref: PAYMENTS,
        environment: 'production',
        status: 'success',
        commit_sha: '9f1c2ab4d5e6f708192a3b4c5d6e7f8091a2b3c4',
        url: 'https://github.com/acme/payments-api/actions/runs/8812',
      });
      expect(Number(row.finished_at)).toBe(
        Date.parse(payload.deployment_status.created_at),
      );
    });

    it('acknowledges a deployment status that is not an outcome (in_progress) and writes nothing', async () => {
      const payload = successfulDeployment();
      payload.deployment_status.state = 'in_progress';
      const res = await deliver('deployment_status', payload);
      expect(res.status).toBe(202);
      expect(await countRows(knex, 'dora_deployments')).toBe(0);
    });

    it('stores a completed run of the entity deployment workflow as a deployment', async () => {
      const res = await deliver('workflow_run', completedRun());
      expect(res.status).toBe(200);
      const [row] = await deployments();
      expect(row).toMatchObject({
        id: 'acme/web-app/runs/8812',
        entity_ref: WEB_APP,
        environment: 'production',
        status: 'success',
        url: 'https://github.com/acme/web-app/actions/runs/8812',
      });
    });

    it('ignores runs of other workflows, and deployment statuses of an entity that deploys by workflow', async () => {
      const lint = completedRun();
      lint.workflow_run.path = '.github/workflows/lint.yml';
      lint.workflow.path = '.github/workflows/lint.yml';
      const status = successfulDeployment();
      status.repository.full_name = 'acme/web-app';
      const results = [
        await deliver('workflow_run', lint),
        await deliver('deployment_status', status),
      ];
      expect(results.map(r => r.status)).toEqual([202, 202]);
      expect(results[0].body.reason).toContain('not a deployment workflow');
      expect(results[1].body.reason).toContain(
        'no entity of acme/web-app takes its deployments from GitHub deployments',
      );
      expect(await countRows(knex, 'dora_deployments')).toBe(0);
    });

    it('acknowledges and ignores a repository no catalog entity names, and warns', async () => {
      const payload = mergedPull();
      payload.repository.full_name = 'acme/unknown';
      const res = await deliver('pull_request', payload);
      expect(res.status).toBe(202);
      expect(res.body.reason).toContain('no catalog entity has');
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('ignored: no catalog entity has'),
      );
    });

    it('feeds the metrics: a merged change then its deployment give one deployment and one lead time', async () => {
      expect((await deliver('pull_request', mergedPull(1))).status).toBe(200);
      expect(
        (await deliver('deployment_status', successfulDeployment(0.5))).status,
      ).toBe(200);
      const res = await request(server)
        .get('/api/dora/v1/metrics')
        .set('Authorization', mockCredentials.user.header())
        .query({
          entityRef: PAYMENTS,
          from: ago(24),
          to: new Date(Date.now() + HOUR).toISOString(),
        });
      expect(res.status).toBe(200);
      expect(res.body.deploymentFrequency.count).toBe(1);
      expect(res.body.leadTime.sampleSize).toBe(1);
    });

    it('logs every refusal without the secrets', async () => {
      await deliver('pull_request', mergedPull(), { secret: 'wrong' });
      await deliver('pull_request', mergedPull(), { secret: null });
      const logged = JSON.stringify([
        logger.warn.mock.calls,
        logger.info.mock.calls,
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Refused github webhook delivery'),
      );
      expect(logged).not.toContain(OLD_SECRET);
      expect(logged).not.toContain(NEW_SECRET);
    });

    it('monorepo: a merged pull request of a repository shared by entities that claim paths is left to the collector (the delivery lists no files)', async () => {
      const payload = mergedPull();
      payload.repository.full_name = 'acme/mono';
      const res = await deliver('pull_request', payload);
      expect(res.status).toBe(202);
      expect(res.body.reason).toContain('the collector attributes this change');
      expect(await countRows(knex, 'dora_changes')).toBe(0);
    });

    it('monorepo: a run of the workflow an entity names goes to that entity, a GitHub deployment to the default entity; workflowEnvironments rules pick the environment', async () => {
      const run = completedRun();
      run.repository.full_name = 'acme/mono';
      run.workflow_run.display_title = 'Release 2.1 to staging';
      const status = successfulDeployment();
      status.repository.full_name = 'acme/mono';
      const results = [
        await deliver('workflow_run', run),
        await deliver('deployment_status', status),
      ];
      expect(results.map(r => r.status)).toEqual([200, 200]);
      const rows = await deployments();
      expect(rows.map(r => [r.id, r.entity_ref, r.environment]).sort()).toEqual(
        [
          [
            expect.stringMatching(/^acme\/mono\/deployments\//),
            MONO_PLATFORM,
            'production',
          ],
          ['acme/mono/runs/8812', MONO_API, 'staging'],
        ],
      );
    });
  },
);
