import { Config } from '@backstage/config';
import {
  readWebhookMaxAgeMs,
  readWebhookSecrets,
} from '@dora-metrics/plugin-dora-node';

/** `dora.webhooks.github`, read once at start. */
export interface GithubWebhookConfig {
  /** Webhook secrets; several while rotating. */
  secrets: string[];
  /** A delivery whose object was last updated longer ago is refused as stale (ms). */
  maxAgeMs: number;
}

/** GitHub lets a failed delivery be redelivered by hand for 3 days. */
const DEFAULT_MAX_AGE = '3d';

export function readGithubWebhookConfig(root: Config): GithubWebhookConfig {
  return {
    secrets: readWebhookSecrets(root, 'github', {
      key: 'secrets',
      description: 'webhook secret',
    }),
    maxAgeMs: readWebhookMaxAgeMs(root, 'github', DEFAULT_MAX_AGE),
  };
}
