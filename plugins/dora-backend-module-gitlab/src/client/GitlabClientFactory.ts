import { Config } from '@backstage/config';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  Sleep,
  RateLimitGate,
  RateLimitPolicy,
} from '@dora-metrics/plugin-dora-node';
import { GitlabClient, gitlabRateLimitGate } from './GitlabClient';

export interface Timing {
  sleep: Sleep;
  now: () => number;
  policy: RateLimitPolicy;
}

/**
 * Clients of a GitLab host, authenticated by its `integrations.gitlab`
 * token; the API URL is the integration's `apiBaseUrl` (self-managed works).
 */
export class GitlabClientFactory {
  private readonly gates = new Map<string, RateLimitGate>();

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly timing: Timing,
  ) {}

  static fromConfig(config: Config, timing: Timing): GitlabClientFactory {
    return new GitlabClientFactory(ScmIntegrations.fromConfig(config), timing);
  }

  /** Throws when no integration with a token covers the host. */
  forHost(host: string): GitlabClient {
    const integration = this.integrations.gitlab.byHost(host);
    if (!integration) {
      throw new Error(`No integrations.gitlab entry for host ${host}`);
    }
    const { apiBaseUrl, token } = integration.config;
    if (!token) {
      throw new Error(
        `integrations.gitlab for ${host} has no token; the collector needs one with read_api scope`,
      );
    }
    let gate = this.gates.get(apiBaseUrl);
    if (!gate) {
      gate = gitlabRateLimitGate(
        this.timing.sleep,
        this.timing.now,
        this.timing.policy,
      );
      this.gates.set(apiBaseUrl, gate);
    }
    return new GitlabClient({ apiBaseUrl, token, gate });
  }
}
