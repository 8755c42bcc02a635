import { deploymentEventSchema } from '@dora-metrics/plugin-dora-common';
import { loadFixture } from '../__testUtils__/loadFixture';
import {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubWorkflowRun,
  deploymentOutcome,
  deploymentStatusToDeployment,
  deploymentToDeployment,
  workflowRunOutcome,
  workflowRunToDeployment,
} from '.';

const payments = loadFixture('acme-payments-api');
const deployment = (id: number) =>
  (payments.deployments as GithubDeployment[]).find(d => d.id === id)!;
const statuses = (id: number) =>
  payments[`deployments/${id}/statuses`] as GithubDeploymentStatus[];
const ENTITY = 'component:default/payments-api';

describe('GitHub deployments', () => {
  it('maps a deployment to its latest terminal status; started when it went in progress', () => {
    const event = deploymentToDeployment({
      repository: 'acme/payments-api',
      entityRef: ENTITY,
      deployment: deployment(504),
      statuses: statuses(504),
    });
    expect(event).toEqual({
      kind: 'deployment',
      source: 'github',
      id: 'acme/payments-api/deployments/504',
      entityRef: ENTITY,
      environment: 'production',
      status: 'success',
      startedAt: '2026-03-05T13:02:00Z',
      finishedAt: '2026-03-05T13:10:00Z',
      version: null,
      commitSha: deployment(504).sha,
      changeIds: null,
      rollbackOf: null,
      deploymentKind: 'normal',
      // The terminal status's target_url: the page of what deployed it.
      url: 'https://ci.acme.example/deploys/504',
    });
    expect(deploymentEventSchema.safeParse(event).success).toBe(true);
  });

  it('keeps a status link only when the backend accepts it (http or https): else log_url, else none', () => {
    const status = statuses(503)[0];
    const withLinks = (target_url: string | null, log_url: string | null) =>
      deploymentStatusToDeployment({
        repository: 'acme/payments-api',
        entityRef: ENTITY,
        deployment: deployment(503),
        status: { ...status, target_url, log_url },
      })?.url;
    expect(withLinks('ftp://ci.example/1', 'https://ci.example/log/1')).toBe(
      'https://ci.example/log/1',
    );
    expect(withLinks('data:text/html,hello', null)).toBeNull();
    expect(withLinks(null, null)).toBeNull();
  });

  it('a later "inactive" status (superseded) does not change the outcome', () => {
    const event = deploymentToDeployment({
      repository: 'acme/payments-api',
      entityRef: ENTITY,
      deployment: deployment(501),
      statuses: statuses(501),
    });
    expect(event).toMatchObject({
      status: 'success',
      finishedAt: '2026-03-01T13:10:00Z',
    });
  });

  it('keeps the GitHub environment name (the backend decides what is production)', () => {
    const event = deploymentToDeployment({
      repository: 'acme/payments-api',
      entityRef: ENTITY,
      deployment: deployment(502),
      statuses: statuses(502),
    });
    expect(event?.environment).toBe('staging');
  });

  it('a deployment still in progress is not an event yet', () => {
    expect(
      deploymentToDeployment({
        repository: 'acme/payments-api',
        entityRef: ENTITY,
        deployment: deployment(505),
        statuses: statuses(505),
      }),
    ).toBeNull();
  });

  it('status states: success → success, failure and error → failure, others no outcome', () => {
    expect(deploymentOutcome('success')).toBe('success');
    expect(deploymentOutcome('failure')).toBe('failure');
    expect(deploymentOutcome('error')).toBe('failure');
    for (const state of ['inactive', 'queued', 'pending', 'in_progress']) {
      expect(deploymentOutcome(state)).toBeUndefined();
    }
  });

  it('one deployment_status (webhook shape) maps alone; startedAt falls back to the deployment creation', () => {
    const failed = statuses(503)[0];
    expect(
      deploymentStatusToDeployment({
        repository: 'acme/payments-api',
        entityRef: ENTITY,
        deployment: deployment(503),
        status: failed,
      }),
    ).toMatchObject({
      id: 'acme/payments-api/deployments/503',
      status: 'failure',
      startedAt: '2026-03-02T14:00:00Z',
      finishedAt: '2026-03-02T14:20:00Z',
    });
  });
});

describe('workflow runs as deployments', () => {
  const runs = (
    loadFixture('acme-web-app')['actions/workflows/deploy.yml/runs'] as {
      workflow_runs: GithubWorkflowRun[];
    }
  ).workflow_runs;
  const run = (id: number) => runs.find(r => r.id === id)!;
  const map = (r: GithubWorkflowRun) =>
    workflowRunToDeployment({
      repository: 'acme/web-app',
      entityRef: 'component:default/web-app',
      run: r,
      environment: 'production',
    });

  it('a successful run is a successful deployment of its head commit, finished when last updated', () => {
    const event = map(run(9003));
    expect(event).toEqual({
      kind: 'deployment',
      source: 'github',
      id: 'acme/web-app/runs/9003',
      entityRef: 'component:default/web-app',
      environment: 'production',
      status: 'success',
      startedAt: '2026-03-04T10:00:05Z',
      finishedAt: '2026-03-04T10:12:00Z',
      version: null,
      commitSha: run(9003).head_sha,
      changeIds: null,
      rollbackOf: null,
      deploymentKind: 'normal',
      url: 'https://github.com/acme/web-app/actions/runs/9003',
    });
    expect(deploymentEventSchema.safeParse(event).success).toBe(true);
  });

  it('cancelled → aborted, failure → failure, a running run → no event', () => {
    expect(map(run(9002))?.status).toBe('aborted');
    expect(map(run(9001))?.status).toBe('failure');
    expect(map(run(9004))).toBeNull();
  });

  it('conclusions: timed_out and startup_failure fail; skipped, neutral, stale are no deployment', () => {
    expect(workflowRunOutcome('timed_out')).toBe('failure');
    expect(workflowRunOutcome('startup_failure')).toBe('failure');
    for (const c of ['skipped', 'neutral', 'stale', 'action_required', null]) {
      expect(workflowRunOutcome(c)).toBeUndefined();
    }
  });
});
