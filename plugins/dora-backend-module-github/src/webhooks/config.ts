import { Config } from '@backstage/config';
import { parseDurationSeconds } from '@dora-metrics/plugin-dora-common';

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
  const config = root.getConfig('dora.webhooks.github');
  const secrets = config.getStringArray('secrets');
  if (secrets.length === 0 || secrets.some(secret => secret.length === 0)) {
    throw new Error(
      'dora.webhooks.github.secrets must list at least one non-empty webhook secret',
    );
  }
  const maxAge =
    config.getOptionalString('maxAge') ??
    root.getOptionalString('dora.webhooks.maxAge') ??
    DEFAULT_MAX_AGE;
  const seconds = parseDurationSeconds(maxAge);
  if (seconds === undefined || seconds <= 0) {
    throw new Error(
      `dora.webhooks.github.maxAge must be a duration such as 3d, got "${maxAge}"`,
    );
  }
  return { secrets, maxAgeMs: seconds * 1000 };
}
