import { Config } from '@backstage/config';
import {
  readWebhookMaxAgeMs,
  readWebhookSecrets,
} from '@dora-metrics/plugin-dora-node';
import { SelectorClause, parseComponentSelector } from './componentSelector';

/** The header the Opsgenie webhook integration is set up to send the key in. */
export const INTEGRATION_KEY_HEADER = 'x-dora-opsgenie-key';

export interface EntityMapping {
  selector: string;
  clauses: SelectorClause[];
  entityRef: string;
}

/** `dora.webhooks.opsgenie`, read once at start. */
export interface OpsgenieWebhookConfig {
  /** Accepted values of the key header; several while rotating. */
  integrationKeys: string[];
  /** A delivery whose alert time is older is refused as stale (ms). */
  maxAgeMs: number;
  /** Checked in order before the catalog's `opsgenie.com/component-selector`. */
  entityMappings: EntityMapping[];
}

/** Opsgenie retries a failed delivery briefly: an hour covers it. */
const DEFAULT_MAX_AGE = '1h';

function readMappings(config: Config): EntityMapping[] {
  return (config.getOptionalConfigArray('entityMappings') ?? []).map(
    (entry, index) => {
      const selector = entry.getString('selector');
      const clauses = parseComponentSelector(selector);
      if (!clauses) {
        throw new Error(
          `dora.webhooks.opsgenie.entityMappings[${index}].selector "${selector}" is not a supported selector (see the module README)`,
        );
      }
      return { selector, clauses, entityRef: entry.getString('entityRef') };
    },
  );
}

export function readOpsgenieWebhookConfig(root: Config): OpsgenieWebhookConfig {
  return {
    integrationKeys: readWebhookSecrets(root, 'opsgenie', {
      key: 'integrationKeys',
      description: 'key',
      minLength: 16,
    }),
    maxAgeMs: readWebhookMaxAgeMs(root, 'opsgenie', DEFAULT_MAX_AGE),
    entityMappings: readMappings(root.getConfig('dora.webhooks.opsgenie')),
  };
}
