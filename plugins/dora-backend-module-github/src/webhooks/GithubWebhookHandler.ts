import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DoraWebhookHandler,
  DoraWebhookRequest,
  DoraWebhookResult,
  parseJsonBody,
  refuseStale,
  requireHeader,
  requireVerifiedHeader,
} from '@dora-metrics/plugin-dora-node';
import { deploymentStreams } from '../collector/deploymentStreams';
import { GithubCollectorConfig } from '../config';
import { GithubWebhookConfig } from './config';
import {
  PlanOrIgnore,
  planDeploymentStatus,
  planPullRequest,
  planWorkflowRun,
} from './deliveryPlans';
import { RepositoryEntities } from './RepositoryEntities';
import { hasValidSignature } from './signatures';

/**
 * GitHub webhooks (`POST /api/dora/v1/webhooks/github`), the push
 * alternative to the collector. Verified by `X-Hub-Signature-256`; the
 * delivery id is `X-GitHub-Delivery`. Merged pull requests become changes,
 * terminal deployment statuses and completed deployment-workflow runs become
 * deployments of the entity whose `github.com/project-slug` names the
 * repository. In a repository shared by entities that claim paths, merged
 * pull requests are left to the collector (the delivery lists no files);
 * deployments go to the entity that takes them, as in the collector. `pull_request_review` and every other event is acknowledged
 * and ignored (review times come from the collector).
 */
export class GithubWebhookHandler implements DoraWebhookHandler {
  readonly source = 'github';

  constructor(
    private readonly config: GithubWebhookConfig,
    private readonly entities: RepositoryEntities,
    private readonly collectorConfig: GithubCollectorConfig,
    private readonly logger: LoggerService,
  ) {}

  async handle(request: DoraWebhookRequest): Promise<DoraWebhookResult> {
    requireVerifiedHeader(
      request,
      'X-Hub-Signature-256',
      signature =>
        hasValidSignature(signature, request.rawBody, this.config.secrets),
      'matches none of the configured secrets',
    );
    const deliveryId = requireHeader(request, 'X-GitHub-Delivery');

    const eventType = request.headers['x-github-event'] ?? '';
    const plan = this.plan(eventType, parseJsonBody(request.rawBody));
    if ('ignore' in plan) {
      return { outcome: 'ignored', deliveryId, reason: plan.ignore };
    }
    this.refuseStale(plan.updatedAt, request.receivedAt);

    const found = await this.entities.find(plan.repository);
    if (found.target === undefined) {
      this.logger.warn(
        `GitHub ${eventType} delivery ${deliveryId} ignored: ${found.reason}`,
      );
      return { outcome: 'ignored', deliveryId, reason: found.reason };
    }
    const mapped = plan.map({
      target: found.target,
      streams: deploymentStreams(found.target, this.collectorConfig),
      environmentRules: this.collectorConfig.workflowEnvironments,
    });
    if ('ignore' in mapped) {
      this.logger.debug(
        `GitHub ${eventType} delivery ${deliveryId} ignored: ${mapped.ignore}`,
      );
      return { outcome: 'ignored', deliveryId, reason: mapped.ignore };
    }
    return { outcome: 'events', deliveryId, events: mapped.events };
  }

  private plan(eventType: string, payload: object): PlanOrIgnore {
    switch (eventType) {
      case 'pull_request':
        return planPullRequest(payload);
      case 'deployment_status':
        return planDeploymentStatus(payload);
      case 'workflow_run':
        return planWorkflowRun(payload);
      case 'pull_request_review':
        return {
          ignore:
            'pull_request_review: review times come from the collector, a single review cannot complete a change',
        };
      default:
        return { ignore: `GitHub event "${eventType}" is not used` };
    }
  }

  private refuseStale(
    updatedAt: string | null | undefined,
    receivedAt: number,
  ) {
    refuseStale({
      at: updatedAt ? Date.parse(updatedAt) : undefined,
      receivedAt,
      maxAgeMs: this.config.maxAgeMs,
      unknownAge:
        'The delivered object has no update time, so its age is unknown',
      tooOld: () =>
        `Stale delivery: the object was last updated at ${updatedAt}, longer ago than the allowed age`,
      inFuture: () =>
        `Stale delivery: the object's update time ${updatedAt} is in the future`,
    });
  }
}
