import { Config } from '@backstage/config';
import { parseDurationSeconds } from '@dora-metrics/plugin-dora-common';

/** Options of {@link readWebhookSecrets}. */
export interface ReadWebhookSecretsOptions {
  /** The key under `dora.webhooks.<source>`, e.g. `secrets`. */
  key: string;
  /** What one entry is, for the error message, e.g. `signing secret`. */
  description: string;
  /** The shortest accepted entry (default 1: any non-empty string). */
  minLength?: number;
}

/**
 * Reads the list of secrets (or keys) a webhook receiver accepts at
 * `dora.webhooks.<source>.<key>`: several while rotating, at least one, none
 * shorter than `minLength`. Throws when `dora.webhooks.<source>` is missing.
 */
export function readWebhookSecrets(
  root: Config,
  source: string,
  options: ReadWebhookSecretsOptions,
): string[] {
  const { key, description, minLength = 1 } = options;
  const values = root.getConfig(`dora.webhooks.${source}`).getStringArray(key);
  if (values.length === 0 || values.some(value => value.length < minLength)) {
    const entry =
      minLength > 1
        ? `${description} of ${minLength} or more characters`
        : `non-empty ${description}`;
    throw new Error(
      `dora.webhooks.${source}.${key} must list at least one ${entry}`,
    );
  }
  return values;
}

/**
 * Reads how old a delivery may be before it is refused as stale, in
 * milliseconds: `dora.webhooks.<source>.maxAge`, else `dora.webhooks.maxAge`,
 * else `defaultMaxAge`; each a duration such as `1h` or `3d`.
 */
export function readWebhookMaxAgeMs(
  root: Config,
  source: string,
  defaultMaxAge: string,
): number {
  const maxAge =
    root.getOptionalString(`dora.webhooks.${source}.maxAge`) ??
    root.getOptionalString('dora.webhooks.maxAge') ??
    defaultMaxAge;
  const seconds = parseDurationSeconds(maxAge);
  if (seconds === undefined || seconds <= 0) {
    throw new Error(
      `dora.webhooks.${source}.maxAge must be a duration such as ${defaultMaxAge}, got "${maxAge}"`,
    );
  }
  return seconds * 1000;
}
