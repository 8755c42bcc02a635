export interface Config {
  dora?: {
    webhooks?: {
      /** Opsgenie outgoing webhooks (`POST /api/dora/v1/webhooks/opsgenie`). */
      opsgenie?: {
        /**
         * Keys the webhook integration sends in the `X-Dora-Opsgenie-Key`
         * header (at least 16 characters). List the new key next to the old
         * one while rotating.
         * @visibility secret
         */
        integrationKeys: string[];
        /**
         * A delivery whose alert time (`createdAt` for Create, `updatedAt`
         * for Close) is older is refused as stale: `30m`, `1h`, `1d`.
         * Default: `dora.webhooks.maxAge`, else 1h.
         */
        maxAge?: string;
        /**
         * Alerts to entities, checked in order before the catalog's
         * `opsgenie.com/component-selector` annotations. The selector has the
         * annotation's forms, e.g. `tag:"service:payments"`.
         */
        entityMappings?: Array<{
          selector: string;
          entityRef: string;
        }>;
      };
    };
  };
}
