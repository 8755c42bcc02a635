import { hours, minutes } from './durationSpecs';
import { DurationSpec } from './random';

/**
 * How each service of the example catalog (`examples/catalog/components.yaml`)
 * delivers software, as data for the demo-data generator. The numbers are
 * chosen so that the computed DORA bands match each profile's story.
 */

/** How pull requests (or direct commits) move from first commit to merge. */
export interface ChangeProfile {
  /** First commit to pull request opened. */
  coding: DurationSpec;
  /** Pull request opened to first review. */
  pickup: DurationSpec;
  /** First review to approval. */
  review: DurationSpec;
  /** Approval (or, unreviewed, opening) to merge. */
  merge: DurationSpec;
  /** Share of pull requests merged without any review (`reviewCount: 0`). */
  unreviewedRate: number;
  /** Share of changes pushed straight to the default branch (no pull request). */
  directCommitRate: number;
  /** Share of pull requests closed without merging. */
  abandonRate: number;
  /** Lines changed (additions + deletions). */
  size: { median: number; spread: number };
  /** Share of change events sent without `entityRef`, only `repository` (resolved by `github.com/project-slug`). */
  omitEntityRefRate: number;
}

/** How often and how a service deploys. `null` on a profile means pull-request mode. */
export interface DeploymentProfile {
  /** `continuous`: deploy attempts spread over working hours; `weekly`: one release train a week. */
  cadence: 'continuous' | 'weekly';
  /** Deploy attempts per week (an attempt with nothing new to ship is skipped). */
  deploysPerWeek: number;
  /** Mean number of merged changes per deployment; sets the merge rate. */
  batchSize: number;
  /**
   * `change-ids`: deployments list the changes they ship; `commit-sha`: they
   * only carry the merge commit, and the plugin infers the changes.
   */
  link: 'change-ids' | 'commit-sha';
  /** The `source` of deployment events (the CI/CD tool). */
  source: string;
  /** Deployed before production, or `null` when there is no pre-production stage. */
  stagingEnvironment: string | null;
  /** The first gets every release; the others follow with the same version (redeploys). */
  productionEnvironments: string[];
  /** How long one pipeline run takes. */
  runDuration: DurationSpec;
  /** Chance that a production run fails before one succeeds. */
  pipelineFailureRate: number;
  /** Chance that a failed run is followed by another failed run. */
  repeatFailureRate: number;
  /** Time from a failed run to the next attempt. */
  retryDelay: DurationSpec;
  /** Chance that a production run is aborted (never counted). */
  abortRate: number;
  /** Chance of re-running a deployment of the same version (a redeploy, not counted). */
  redeployRate: number;
  /** Chance that a week's release train is cancelled (weekly cadence). */
  cancelledTrainRate?: number;
  /** Days of release freeze after a failed deployment (no normal deployments). */
  freezeDaysAfterFailure?: number;
}

/** How often a change goes wrong in production and what the team does about it. */
export interface FailureProfile {
  /** Share of deployments (pull-request mode: merges) that cause a failure in production. */
  changeFailureRate: number;
  /** How the failure is remediated (weights). */
  remediation: {
    rollback: number;
    hotfix: number;
    revert: number;
    fixForward: number;
  };
  /** How the incident names its cause (weights): deploymentId, changeId, or neither (attribution window). */
  link: { deployment: number; change: number; unlinked: number };
  /** From the deployment to the incident being opened. */
  detection: DurationSpec;
  /** From the incident to the remediation starting (decision, rollback or fix). */
  reaction: DurationSpec;
}

/** Where a service's incidents come from; `null` on a profile means no incident source at all. */
export interface IncidentProfile {
  tool: 'pagerduty' | 'opsgenie' | 'webhook';
  /** The PagerDuty service id (`pagerduty.com/service-id`), sent as `serviceId`. */
  serviceId?: string;
  /** Share of incidents sent without `entityRef` (needs `serviceId`). */
  omitEntityRefRate: number;
  /** Incidents per week not caused by a change (load, dependencies, hardware). */
  backgroundPerWeek: number;
  /** Share of those marked `causedByDeployment: false`. */
  notCausedByDeploymentRate: number;
  /** Time to resolve an incident nobody fixed with a deployment. */
  duration: DurationSpec;
  /** Incidents opened in the last few days that are still open. */
  stillOpen: number;
  severities: string[];
}

export interface ServiceProfile {
  /** The component's `metadata.name`. */
  name: string;
  /** The owning group's name. */
  owner: string;
  performer: 'elite' | 'high' | 'medium' | 'low';
  /** `owner/name` on GitHub (`github.com/project-slug`). */
  repository: string;
  /** Mirrors `dora/change-failure-mode`. */
  changeFailureMode: 'incidents' | 'pipeline';
  /** Mirrors `dora/attribution-window`, in minutes. */
  attributionWindowMinutes: number;
  /** Merges per week when there are no deployments (pull-request mode). */
  pullRequestMergesPerWeek?: number;
  changes: ChangeProfile;
  deployments: DeploymentProfile | null;
  failures: FailureProfile;
  incidents: IncidentProfile | null;
  authors: string[];
  /** Words for change and incident titles. */
  topics: string[];
}

const standardRun = minutes(7, 0.3, { min: 2, max: 30 });
const quickRetry = minutes(25, 0.6, { min: 5, max: 180 });

export const serviceProfiles: ServiceProfile[] = [
  {
    name: 'payments-api',
    owner: 'payments-team',
    performer: 'elite',
    repository: 'acme/payments-api',
    changeFailureMode: 'incidents',
    attributionWindowMinutes: 60,
    changes: {
      coding: hours(2.5, 0.9, { max: 72 }),
      pickup: minutes(25, 0.8, { min: 2 }),
      review: minutes(40, 0.8, { min: 2 }),
      merge: minutes(8, 0.6, { min: 1 }),
      unreviewedRate: 0.03,
      directCommitRate: 0,
      abandonRate: 0.02,
      size: { median: 80, spread: 0.9 },
      omitEntityRefRate: 0,
    },
    deployments: {
      cadence: 'continuous',
      deploysPerWeek: 50,
      batchSize: 2.4,
      link: 'change-ids',
      source: 'github-actions',
      stagingEnvironment: 'staging',
      productionEnvironments: ['production', 'production-eu'],
      runDuration: minutes(6, 0.3, { min: 2, max: 20 }),
      pipelineFailureRate: 0.04,
      repeatFailureRate: 0.1,
      retryDelay: quickRetry,
      abortRate: 0.02,
      redeployRate: 0.03,
    },
    failures: {
      changeFailureRate: 0.035,
      remediation: {
        rollback: 0.45,
        hotfix: 0.25,
        revert: 0.2,
        fixForward: 0.1,
      },
      link: { deployment: 0.5, change: 0.2, unlinked: 0.3 },
      detection: minutes(10, 0.6, { min: 2, max: 50 }),
      reaction: minutes(5, 0.6, { min: 2, max: 30 }),
    },
    incidents: {
      tool: 'pagerduty',
      serviceId: 'PPAY001',
      omitEntityRefRate: 0.5,
      backgroundPerWeek: 0.25,
      notCausedByDeploymentRate: 0.7,
      duration: minutes(25, 0.7, { min: 5 }),
      stillOpen: 0,
      severities: ['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3'],
    },
    authors: ['jdoe', 'amara.k', 'lwei', 'pnovak', 'sofia-r'],
    topics: [
      'card auth',
      'capture flow',
      'refund endpoint',
      'idempotency keys',
      'payout batching',
      '3DS challenge',
      'currency rounding',
      'ledger writes',
      'webhook retries',
      'acquirer timeout',
    ],
  },
  {
    name: 'fraud-detector',
    owner: 'fraud-squad',
    performer: 'high',
    repository: 'acme/fraud-detector',
    changeFailureMode: 'incidents',
    attributionWindowMinutes: 60,
    changes: {
      coding: hours(7, 1, { max: 240 }),
      pickup: hours(2, 0.9),
      review: hours(2.5, 0.9),
      merge: minutes(20, 0.8),
      unreviewedRate: 0.05,
      directCommitRate: 0,
      abandonRate: 0.04,
      size: { median: 140, spread: 1 },
      omitEntityRefRate: 0.25,
    },
    deployments: {
      cadence: 'continuous',
      deploysPerWeek: 6,
      batchSize: 4,
      link: 'change-ids',
      source: 'github-actions',
      stagingEnvironment: 'staging',
      productionEnvironments: ['production'],
      runDuration: minutes(12, 0.3, { min: 4, max: 40 }),
      pipelineFailureRate: 0.06,
      repeatFailureRate: 0.15,
      retryDelay: quickRetry,
      abortRate: 0.02,
      redeployRate: 0.04,
    },
    failures: {
      changeFailureRate: 0.08,
      remediation: { rollback: 0.3, hotfix: 0.3, revert: 0.2, fixForward: 0.2 },
      link: { deployment: 0.4, change: 0.3, unlinked: 0.3 },
      detection: minutes(15, 0.7, { min: 2, max: 50 }),
      reaction: minutes(15, 0.7, { min: 3, max: 120 }),
    },
    incidents: {
      tool: 'opsgenie',
      omitEntityRefRate: 0,
      backgroundPerWeek: 0.15,
      notCausedByDeploymentRate: 0.6,
      duration: minutes(90, 0.8, { min: 10 }),
      stillOpen: 0,
      severities: ['P1', 'P2', 'P3', 'P3', 'P4'],
    },
    authors: ['mchen', 'oluwaseun', 'ines.m'],
    topics: [
      'risk model',
      'velocity rules',
      'device fingerprinting',
      'chargeback feed',
      'feature store',
      'score thresholds',
      'allow list',
    ],
  },
  {
    name: 'checkout-web',
    owner: 'checkout-team',
    performer: 'high',
    repository: 'acme/checkout-web',
    changeFailureMode: 'incidents',
    attributionWindowMinutes: 60,
    pullRequestMergesPerWeek: 85,
    changes: {
      coding: hours(4, 1, { max: 120 }),
      pickup: hours(2.5, 1),
      review: hours(2, 1),
      merge: minutes(15, 0.8),
      unreviewedRate: 0.08,
      directCommitRate: 0,
      abandonRate: 0.05,
      size: { median: 110, spread: 1.1 },
      omitEntityRefRate: 0.5,
    },
    deployments: null,
    failures: {
      changeFailureRate: 0.05,
      remediation: { rollback: 0, hotfix: 0.35, revert: 0.45, fixForward: 0.2 },
      link: { deployment: 0, change: 0.6, unlinked: 0.4 },
      detection: minutes(12, 0.6, { min: 2, max: 50 }),
      reaction: minutes(10, 0.6, { min: 2, max: 90 }),
    },
    incidents: {
      tool: 'webhook',
      omitEntityRefRate: 0,
      backgroundPerWeek: 0.2,
      notCausedByDeploymentRate: 0.6,
      duration: minutes(50, 0.8, { min: 5 }),
      stillOpen: 0,
      severities: ['high', 'medium', 'medium', 'low'],
    },
    authors: ['tkaur', 'bruno.s', 'hana', 'femi', 'grace.l', 'yuki'],
    topics: [
      'address form',
      'payment step',
      'promo codes',
      'order summary',
      'shipping options',
      'mobile layout',
      'a11y labels',
      'analytics events',
      'i18n strings',
    ],
  },
  {
    name: 'cart-service',
    owner: 'checkout-team',
    performer: 'low',
    repository: 'acme/cart-service',
    changeFailureMode: 'incidents',
    attributionWindowMinutes: 60,
    changes: {
      coding: hours(40, 0.8, { max: 24 * 20 }),
      pickup: hours(30, 0.9),
      review: hours(36, 0.9),
      merge: hours(4, 1),
      unreviewedRate: 0.02,
      directCommitRate: 0,
      abandonRate: 0.06,
      size: { median: 380, spread: 1 },
      omitEntityRefRate: 0,
    },
    deployments: {
      cadence: 'weekly',
      deploysPerWeek: 1,
      batchSize: 15,
      link: 'change-ids',
      source: 'jenkins',
      stagingEnvironment: 'staging',
      productionEnvironments: ['production'],
      runDuration: minutes(35, 0.3, { min: 15, max: 120 }),
      pipelineFailureRate: 0.15,
      repeatFailureRate: 0.3,
      retryDelay: minutes(90, 0.7, { min: 15, max: 600 }),
      abortRate: 0.04,
      redeployRate: 0.1,
      cancelledTrainRate: 0.15,
      // After a bad release the next train is skipped.
      freezeDaysAfterFailure: 8,
    },
    failures: {
      changeFailureRate: 0.35,
      remediation: {
        rollback: 0.65,
        hotfix: 0.15,
        revert: 0.1,
        fixForward: 0.1,
      },
      link: { deployment: 0.6, change: 0.15, unlinked: 0.25 },
      detection: minutes(20, 0.6, { min: 3, max: 55 }),
      reaction: minutes(45, 0.8, { min: 10, max: 600 }),
    },
    incidents: {
      tool: 'pagerduty',
      serviceId: 'PCART01',
      omitEntityRefRate: 0.3,
      backgroundPerWeek: 0.4,
      notCausedByDeploymentRate: 0.5,
      duration: hours(5, 0.9, { min: 0.25 }),
      stillOpen: 1,
      severities: ['SEV1', 'SEV2', 'SEV2', 'SEV3'],
    },
    authors: ['dmitri', 'carla.p', 'wongj'],
    topics: [
      'cart merge',
      'price cache',
      'inventory holds',
      'session storage',
      'legacy SOAP client',
      'bulk update',
    ],
  },
  {
    name: 'ingress-gateway',
    owner: 'infra-team',
    performer: 'high',
    repository: 'acme/ingress-gateway',
    changeFailureMode: 'pipeline',
    attributionWindowMinutes: 60,
    changes: {
      coding: hours(6, 1, { max: 240 }),
      pickup: hours(3, 0.9),
      review: hours(2, 0.9),
      merge: minutes(20, 0.8),
      unreviewedRate: 0.04,
      directCommitRate: 0,
      abandonRate: 0.03,
      size: { median: 60, spread: 1 },
      omitEntityRefRate: 0,
    },
    deployments: {
      cadence: 'continuous',
      deploysPerWeek: 7,
      batchSize: 3.5,
      link: 'change-ids',
      source: 'argo-workflows',
      stagingEnvironment: 'staging',
      productionEnvironments: ['production'],
      runDuration: standardRun,
      pipelineFailureRate: 0.1,
      repeatFailureRate: 0.25,
      retryDelay: minutes(45, 0.8, { min: 5, max: 480 }),
      abortRate: 0.03,
      redeployRate: 0.04,
    },
    failures: {
      changeFailureRate: 0.05,
      remediation: { rollback: 0.6, hotfix: 0.2, revert: 0.1, fixForward: 0.1 },
      link: { deployment: 0.5, change: 0.2, unlinked: 0.3 },
      detection: minutes(8, 0.6, { min: 2, max: 50 }),
      reaction: minutes(10, 0.6, { min: 2, max: 60 }),
    },
    incidents: {
      tool: 'pagerduty',
      omitEntityRefRate: 0,
      backgroundPerWeek: 0.2,
      notCausedByDeploymentRate: 0.6,
      duration: minutes(40, 0.8, { min: 5 }),
      stillOpen: 1,
      severities: ['SEV1', 'SEV2', 'SEV3', 'SEV3'],
    },
    authors: ['rkhan', 'elena.v', 'mo'],
    topics: [
      'TLS config',
      'rate limiter',
      'route table',
      'health checks',
      'envoy upgrade',
      'header rewrite',
    ],
  },
  {
    name: 'build-cache',
    owner: 'infra-team',
    performer: 'medium',
    repository: 'acme/build-cache',
    changeFailureMode: 'incidents',
    attributionWindowMinutes: 240,
    changes: {
      coding: hours(24, 1, { max: 24 * 20 }),
      pickup: hours(20, 1),
      review: hours(6, 1),
      merge: hours(1, 1),
      unreviewedRate: 0.05,
      directCommitRate: 0,
      abandonRate: 0.04,
      size: { median: 200, spread: 1 },
      omitEntityRefRate: 0,
    },
    deployments: {
      cadence: 'continuous',
      deploysPerWeek: 0.9,
      batchSize: 8,
      link: 'change-ids',
      source: 'github-actions',
      stagingEnvironment: 'staging',
      productionEnvironments: ['production'],
      runDuration: minutes(15, 0.3, { min: 5, max: 60 }),
      pipelineFailureRate: 0.08,
      repeatFailureRate: 0.2,
      retryDelay: minutes(60, 0.8, { min: 10, max: 600 }),
      abortRate: 0.03,
      redeployRate: 0.05,
    },
    failures: {
      changeFailureRate: 0.12,
      remediation: { rollback: 0.4, hotfix: 0.3, revert: 0.1, fixForward: 0.2 },
      // Cache corruption shows up slowly: most incidents name no cause and
      // are attributed through the 4h window.
      link: { deployment: 0.25, change: 0.1, unlinked: 0.65 },
      detection: minutes(90, 0.5, { min: 10, max: 215 }),
      reaction: minutes(30, 0.7, { min: 5, max: 240 }),
    },
    incidents: {
      tool: 'webhook',
      omitEntityRefRate: 0,
      backgroundPerWeek: 0.1,
      notCausedByDeploymentRate: 0.5,
      duration: hours(3, 0.8, { min: 0.25 }),
      stillOpen: 0,
      severities: ['critical', 'major', 'minor'],
    },
    authors: ['rkhan', 'nils', 'priya.d'],
    topics: [
      'eviction policy',
      'blob store',
      'gRPC API',
      'compression',
      'metrics export',
    ],
  },
  {
    name: 'docs-portal',
    owner: 'devex-team',
    performer: 'high',
    repository: 'acme/docs-portal',
    changeFailureMode: 'incidents',
    attributionWindowMinutes: 60,
    changes: {
      coding: hours(3, 1, { max: 120 }),
      pickup: hours(4, 1),
      review: hours(1, 1),
      merge: minutes(30, 0.8),
      unreviewedRate: 0.1,
      directCommitRate: 0.25,
      abandonRate: 0.03,
      size: { median: 40, spread: 1.2 },
      omitEntityRefRate: 0,
    },
    deployments: {
      cadence: 'continuous',
      deploysPerWeek: 4,
      batchSize: 4,
      link: 'change-ids',
      source: 'github-actions',
      stagingEnvironment: null,
      productionEnvironments: ['production'],
      runDuration: minutes(4, 0.3, { min: 1, max: 15 }),
      pipelineFailureRate: 0.03,
      repeatFailureRate: 0.1,
      retryDelay: quickRetry,
      abortRate: 0.01,
      redeployRate: 0.03,
    },
    // No incident source: failures only show as rollbacks and reverts.
    failures: {
      changeFailureRate: 0.04,
      remediation: { rollback: 0.5, hotfix: 0, revert: 0.5, fixForward: 0 },
      link: { deployment: 0, change: 0, unlinked: 1 },
      detection: minutes(60, 0.8, { min: 5, max: 600 }),
      reaction: minutes(20, 0.6, { min: 5, max: 120 }),
    },
    incidents: null,
    authors: ['guest', 'kofi', 'marta.b', 'sam-w'],
    topics: [
      'getting started guide',
      'API reference',
      'search index',
      'runbook template',
      'sidebar',
      'broken links',
    ],
  },
  {
    name: 'ci-runner',
    owner: 'devex-team',
    performer: 'high',
    repository: 'acme/ci-runner',
    changeFailureMode: 'incidents',
    attributionWindowMinutes: 60,
    changes: {
      coding: hours(5, 1, { max: 240 }),
      pickup: hours(2, 0.9),
      review: hours(1.5, 0.9),
      merge: minutes(15, 0.8),
      unreviewedRate: 0.06,
      directCommitRate: 0.05,
      abandonRate: 0.03,
      size: { median: 90, spread: 1 },
      omitEntityRefRate: 0,
    },
    deployments: {
      cadence: 'continuous',
      deploysPerWeek: 5,
      batchSize: 3.5,
      // Deployments carry only the merge commit; the plugin infers the changes.
      link: 'commit-sha',
      source: 'buildkite',
      stagingEnvironment: 'staging',
      productionEnvironments: ['production'],
      runDuration: standardRun,
      pipelineFailureRate: 0.05,
      repeatFailureRate: 0.1,
      retryDelay: quickRetry,
      abortRate: 0.02,
      redeployRate: 0.05,
    },
    failures: {
      changeFailureRate: 0.07,
      remediation: { rollback: 0.3, hotfix: 0.4, revert: 0.2, fixForward: 0.1 },
      link: { deployment: 0.4, change: 0.3, unlinked: 0.3 },
      detection: minutes(12, 0.6, { min: 2, max: 50 }),
      reaction: minutes(12, 0.6, { min: 2, max: 90 }),
    },
    incidents: {
      tool: 'webhook',
      omitEntityRefRate: 0,
      backgroundPerWeek: 0.15,
      notCausedByDeploymentRate: 0.6,
      duration: minutes(60, 0.8, { min: 5 }),
      stillOpen: 0,
      severities: ['critical', 'major', 'minor'],
    },
    authors: ['kofi', 'sam-w', 'lucia'],
    topics: [
      'autoscaler',
      'job queue',
      'runner images',
      'spot instances',
      'log shipping',
      'secrets mount',
    ],
  },
  {
    name: 'notifications-service',
    owner: 'platform',
    performer: 'medium',
    repository: 'acme/notifications-service',
    changeFailureMode: 'incidents',
    attributionWindowMinutes: 60,
    changes: {
      coding: hours(30, 0.9, { max: 24 * 20 }),
      pickup: hours(16, 1),
      review: hours(8, 1),
      merge: hours(1, 1),
      unreviewedRate: 0.05,
      directCommitRate: 0,
      abandonRate: 0.05,
      size: { median: 220, spread: 1 },
      omitEntityRefRate: 0,
    },
    deployments: {
      cadence: 'continuous',
      deploysPerWeek: 0.9,
      batchSize: 7,
      link: 'change-ids',
      source: 'github-actions',
      stagingEnvironment: 'staging',
      productionEnvironments: ['production'],
      runDuration: minutes(12, 0.3, { min: 4, max: 40 }),
      pipelineFailureRate: 0.1,
      repeatFailureRate: 0.2,
      retryDelay: minutes(60, 0.8, { min: 10, max: 600 }),
      abortRate: 0.03,
      redeployRate: 0.05,
    },
    failures: {
      changeFailureRate: 0.12,
      remediation: { rollback: 0.4, hotfix: 0.3, revert: 0.1, fixForward: 0.2 },
      link: { deployment: 0.5, change: 0.2, unlinked: 0.3 },
      detection: minutes(20, 0.6, { min: 3, max: 55 }),
      reaction: minutes(30, 0.7, { min: 5, max: 240 }),
    },
    incidents: {
      tool: 'webhook',
      omitEntityRefRate: 0,
      backgroundPerWeek: 0.15,
      notCausedByDeploymentRate: 0.5,
      duration: hours(4, 0.8, { min: 0.25 }),
      stillOpen: 1,
      severities: ['critical', 'major', 'minor'],
    },
    authors: ['ana.g', 'tomasz', 'lee'],
    topics: [
      'SMS provider',
      'email templates',
      'push tokens',
      'retry queue',
      'unsubscribe links',
      'digest scheduler',
    ],
  },
];
