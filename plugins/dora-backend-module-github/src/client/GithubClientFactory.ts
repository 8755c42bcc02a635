import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  Sleep,
  RateLimitGate,
  RateLimitPolicy,
} from '@dora-metrics/plugin-dora-node';
import { GithubClient, githubRateLimitGate } from './GithubClient';

/**
 * Clients per repository, authenticated through `integrations.github`
 * (a token, or a GitHub App installation token per organisation). The API
 * URL is the integration's `apiBaseUrl`, so GitHub Enterprise works too.
 */
export class GithubClientFactory {
  private readonly gates = new Map<string, RateLimitGate>();

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
    private readonly timing: {
      sleep: Sleep;
      now: () => number;
      policy: RateLimitPolicy;
    },
  ) {}

  static fromConfig(
    config: Config,
    timing: { sleep: Sleep; now: () => number; policy: RateLimitPolicy },
  ): GithubClientFactory {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubClientFactory(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      timing,
    );
  }

  /**
   * A client for `owner/repo` on the given host. Throws when no integration
   * covers the host or it gives no credentials: anonymous access (60
   * requests an hour, public repositories only) cannot collect anything useful.
   */
  async forRepository(repository: string, host: string): Promise<GithubClient> {
    const integration = this.integrations.github.byHost(host);
    const apiBaseUrl = integration?.config.apiBaseUrl;
    if (!apiBaseUrl) {
      throw new Error(
        `No integrations.github entry with an apiBaseUrl for host ${host}; cannot read ${repository}`,
      );
    }
    const repositoryUrl = `https://${host}/${repository}`;
    const getHeaders = async () => {
      // The provider caches tokens (GitHub App tokens until shortly before expiry).
      const { headers } = await this.credentials.getCredentials({
        url: repositoryUrl,
      });
      if (!headers?.Authorization) {
        throw new Error(
          `No GitHub credentials for ${repositoryUrl}: configure a token or a GitHub App in integrations.github`,
        );
      }
      return headers;
    };
    await getHeaders();
    return new GithubClient({
      apiBaseUrl,
      gate: this.gateFor(apiBaseUrl),
      getHeaders,
    });
  }

  /** One rate limit pause per API host, shared by its repositories. */
  private gateFor(apiBaseUrl: string): RateLimitGate {
    let gate = this.gates.get(apiBaseUrl);
    if (!gate) {
      gate = githubRateLimitGate(
        this.timing.sleep,
        this.timing.now,
        this.timing.policy,
      );
      this.gates.set(apiBaseUrl, gate);
    }
    return gate;
  }
}
