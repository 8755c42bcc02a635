import { Config } from '@backstage/config';
import {
  readWebhookMaxAgeMs,
  readWebhookSecrets,
} from '@dora-metrics/plugin-dora-node';

/** `dora.webhooks.gitlab`, read once at start. */
export interface GitlabWebhookConfig {
  /** Secret tokens (`X-Gitlab-Token`); several while rotating. */
  secrets: string[];
  /** A delivery whose object changed longer ago is refused as stale (ms). */
  maxAgeMs: number;
}

/** GitLab retries failed deliveries for a while and lets them be resent by hand. */
const DEFAULT_MAX_AGE = '3d';

export function readGitlabWebhookConfig(root: Config): GitlabWebhookConfig {
  return {
    secrets: readWebhookSecrets(root, 'gitlab', {
      key: 'secrets',
      description: 'secret token',
    }),
    maxAgeMs: readWebhookMaxAgeMs(root, 'gitlab', DEFAULT_MAX_AGE),
  };
}
