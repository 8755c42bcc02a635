import { Config } from '@backstage/config';
import { parseDurationSeconds } from '@dora-metrics/plugin-dora-common';

/** `dora.webhooks.pagerduty`, read once at start. */
export interface PagerDutyWebhookConfig {
  /** Signing secrets of the webhook subscriptions; several while rotating. */
  secrets: string[];
  /** A delivery whose `event.occurred_at` is older is refused as stale (ms). */
  maxAgeMs: number;
}

/** PagerDuty retries a failed delivery for minutes, not hours. */
const DEFAULT_MAX_AGE = '1h';

export function readPagerDutyWebhookConfig(
  root: Config,
): PagerDutyWebhookConfig {
  const config = root.getConfig('dora.webhooks.pagerduty');
  const secrets = config.getStringArray('secrets');
  if (secrets.length === 0 || secrets.some(secret => secret.length === 0)) {
    throw new Error(
      'dora.webhooks.pagerduty.secrets must list at least one non-empty signing secret',
    );
  }
  const maxAge =
    config.getOptionalString('maxAge') ??
    root.getOptionalString('dora.webhooks.maxAge') ??
    DEFAULT_MAX_AGE;
  const seconds = parseDurationSeconds(maxAge);
  if (seconds === undefined || seconds <= 0) {
    throw new Error(
      `dora.webhooks.pagerduty.maxAge must be a duration such as 1h, got "${maxAge}"`,
    );
  }
  return { secrets, maxAgeMs: seconds * 1000 };
}
