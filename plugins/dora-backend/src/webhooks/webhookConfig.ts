import { Config } from '@backstage/config';
import { parseDurationSeconds } from '@dora-metrics/plugin-dora-common';

/** What the backend itself reads of `dora.webhooks` (each module reads its own keys). */
export interface WebhookConfig {
  /** How long delivery ids are remembered against replays (ms). */
  deliveryRetentionMs: number;
  /** Largest accepted body, e.g. `2mb`. */
  maxBodySize: string;
}

const DEFAULT_RETENTION = '7d';
const DEFAULT_MAX_BODY_SIZE = '2mb';

export function readWebhookConfig(root: Config): WebhookConfig {
  const config = root.getOptionalConfig('dora.webhooks');
  const retention =
    config?.getOptionalString('deliveryRetention') ?? DEFAULT_RETENTION;
  const seconds = parseDurationSeconds(retention);
  if (seconds === undefined || seconds <= 0) {
    throw new Error(
      `dora.webhooks.deliveryRetention must be a duration such as 7d, got "${retention}"`,
    );
  }
  return {
    deliveryRetentionMs: seconds * 1000,
    maxBodySize:
      config?.getOptionalString('maxBodySize') ?? DEFAULT_MAX_BODY_SIZE,
  };
}
