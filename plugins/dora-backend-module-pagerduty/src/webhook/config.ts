import { Config } from '@backstage/config';
import {
  readWebhookMaxAgeMs,
  readWebhookSecrets,
} from '@dora-metrics/plugin-dora-node';

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
  return {
    secrets: readWebhookSecrets(root, 'pagerduty', {
      key: 'secrets',
      description: 'signing secret',
    }),
    maxAgeMs: readWebhookMaxAgeMs(root, 'pagerduty', DEFAULT_MAX_AGE),
  };
}
