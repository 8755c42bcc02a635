import { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import {
  DoraWebhookHandler,
  DoraWebhookRequest,
  DoraWebhookResult,
  isOneOfSecrets,
  parseJsonBody,
  refuseStale,
  requireVerifiedHeader,
} from '@dora-metrics/plugin-dora-node';
import { JobEnvironment } from '../config';
import { GitlabWebhookConfig } from './config';
import {
  DeploymentSourceOf,
  PlanOrIgnore,
  planDeployment,
  planMergeRequest,
  planPipeline,
} from './deliveryPlans';
import { ProjectEntities } from './ProjectEntities';

/**
 * GitLab webhooks (`POST /api/dora/v1/webhooks/gitlab`), the push
 * alternative to the collector. `X-Gitlab-Token` must equal one of the
 * configured secrets (compared in constant time). The delivery id that
 * makes a replay harmless is `Idempotency-Key` when GitLab sends it, else
 * `X-Gitlab-Event-UUID`.
 */
export class GitlabWebhookHandler implements DoraWebhookHandler {
  readonly source = 'gitlab';

  constructor(
    private readonly config: GitlabWebhookConfig,
    private readonly entities: ProjectEntities,
    private readonly deploymentSourceOf: DeploymentSourceOf,
    private readonly jobEnvironments: readonly JobEnvironment[],
    private readonly logger: LoggerService,
  ) {}

  async handle(request: DoraWebhookRequest): Promise<DoraWebhookResult> {
    requireVerifiedHeader(
      request,
      'X-Gitlab-Token',
      token => isOneOfSecrets(token, this.config.secrets),
      'matches none of the configured secrets',
    );
    const deliveryId =
      request.headers['idempotency-key'] ??
      request.headers['x-gitlab-event-uuid'];
    if (!deliveryId) {
      throw new AuthenticationError(
        'No Idempotency-Key or X-Gitlab-Event-UUID header',
      );
    }
    const eventType = request.headers['x-gitlab-event'] ?? '';
    const plan = this.plan(eventType, parseJsonBody(request.rawBody));
    if ('ignore' in plan) {
      return { outcome: 'ignored', deliveryId, reason: plan.ignore };
    }
    refuseStale({
      at: plan.updatedAt ? Date.parse(plan.updatedAt) : undefined,
      receivedAt: request.receivedAt,
      maxAgeMs: this.config.maxAgeMs,
      unknownAge: 'The delivered object has no time, so its age is unknown',
      tooOld: () =>
        `Stale delivery: the object last changed at ${plan.updatedAt}, longer ago than the allowed age`,
      inFuture: () =>
        `Stale delivery: the object's time ${plan.updatedAt} is in the future`,
    });

    const entities = await this.entities.find(plan.project);
    const mapped = plan.map(entities);
    if ('ignore' in mapped) {
      this.logger.info(
        `GitLab ${eventType} delivery ${deliveryId} ignored: ${mapped.ignore}`,
      );
      return { outcome: 'ignored', deliveryId, reason: mapped.ignore };
    }
    return { outcome: 'events', deliveryId, events: mapped.events };
  }

  private plan(eventType: string, payload: object): PlanOrIgnore {
    switch (eventType) {
      case 'Merge Request Hook':
        return planMergeRequest(payload);
      case 'Deployment Hook':
        return planDeployment(payload, this.deploymentSourceOf);
      case 'Pipeline Hook':
        return planPipeline(
          payload,
          this.deploymentSourceOf,
          this.jobEnvironments,
        );
      default:
        return { ignore: `GitLab event "${eventType}" is not used` };
    }
  }
}
