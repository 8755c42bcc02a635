export interface Config {
  dora?: {
    webhooks?: {
      /** PagerDuty v3 webhook subscriptions (`POST /api/dora/v1/webhooks/pagerduty`). */
      pagerduty?: {
        /**
         * Signing secrets of the webhook subscriptions. List the new secret
         * next to the old one while rotating; any of them verifies.
         * @visibility secret
         */
        secrets: string[];
        /**
         * A delivery whose `event.occurred_at` is older is refused as stale:
         * `30m`, `1h`, `1d`. Default: `dora.webhooks.maxAge`, else 1h.
         */
        maxAge?: string;
      };
    };
  };
}
