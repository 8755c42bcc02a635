import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_SCHEDULE,
  deploymentSourceFor,
  readGithubCollectorConfig,
} from './config';

describe('readGithubCollectorConfig', () => {
  it('defaults: every 30 minutes, 90 days back, GitHub deployments, batches of at most 500', () => {
    const config = readGithubCollectorConfig(new ConfigReader({}));
    expect(config).toMatchObject({
      schedule: DEFAULT_SCHEDULE,
      host: 'github.com',
      lookbackDays: 90,
      deploymentWorkflow: undefined,
      workflowEnvironment: 'production',
      batchSize: 500,
      rateLimit: { maxWaitMs: 900_000, maxRetries: 3 },
    });
  });

  it('reads dora.github and keeps batches within dora.ingest.maxEvents', () => {
    const config = readGithubCollectorConfig(
      new ConfigReader({
        dora: {
          ingest: { maxEvents: 100 },
          github: {
            schedule: { frequency: { hours: 1 }, timeout: 'PT20M' },
            host: 'ghe.acme.example',
            lookbackDays: 30,
            deploymentWorkflow: 'deploy.yml',
            workflowEnvironment: 'prod',
            rateLimit: { maxWaitSeconds: 60, maxRetries: 5 },
          },
        },
      }),
    );
    expect(config).toMatchObject({
      schedule: { frequency: { hours: 1 } },
      host: 'ghe.acme.example',
      lookbackDays: 30,
      deploymentWorkflow: 'deploy.yml',
      workflowEnvironment: 'prod',
      batchSize: 100,
      rateLimit: { maxWaitMs: 60_000, maxRetries: 5 },
    });
  });

  it('refuses a lookback that is not positive', () => {
    expect(() =>
      readGithubCollectorConfig(
        new ConfigReader({ dora: { github: { lookbackDays: 0 } } }),
      ),
    ).toThrow(/lookbackDays must be positive/);
  });
});

describe('deploymentSourceFor', () => {
  const withWorkflow = readGithubCollectorConfig(
    new ConfigReader({
      dora: { github: { deploymentWorkflow: 'deploy.yml' } },
    }),
  );
  const plain = readGithubCollectorConfig(new ConfigReader({}));

  it('GitHub deployments unless a workflow is configured', () => {
    expect(deploymentSourceFor({}, plain)).toEqual({ kind: 'deployments' });
    expect(deploymentSourceFor({}, withWorkflow)).toEqual({
      kind: 'workflow',
      workflow: 'deploy.yml',
      environment: 'production',
    });
  });

  it('the entity annotations override the workflow and its environment; "none" turns it off', () => {
    expect(
      deploymentSourceFor(
        {
          'dora/github-deployment-workflow': 'release.yaml',
          'dora/github-deployment-environment': 'prod-eu',
        },
        plain,
      ),
    ).toEqual({
      kind: 'workflow',
      workflow: 'release.yaml',
      environment: 'prod-eu',
    });
    expect(
      deploymentSourceFor(
        { 'dora/github-deployment-workflow': 'none' },
        withWorkflow,
      ),
    ).toEqual({ kind: 'deployments' });
  });
});
