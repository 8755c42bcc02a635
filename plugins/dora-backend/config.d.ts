export interface Config {
  /** Configuration of the DORA metrics backend plugin. */
  dora?: {
    /**
     * Defaults for entities whose annotations do not say otherwise
     * (`dora/production-environments`, `dora/change-failure-mode`,
     * `dora/attribution-window`).
     */
    defaults?: {
      /** Environment names that count as production. Default: ["production"]. */
      productionEnvironments?: string[];
      /** `incidents` (DORA) or `pipeline` (failed runs). Default: incidents. */
      changeFailureMode?: 'incidents' | 'pipeline';
      /** How long after a deployment an unlinked incident is blamed on it: `30m`, `1h`, `4h` or `none`. Default: 1h. */
      attributionWindow?: string;
    };
    /** Limits of `POST /api/dora/v1/events`. */
    ingest?: {
      /** Events per request. Default: 5000. */
      maxEvents?: number;
      /** Request body size, e.g. `10mb`. Default: 10mb. */
      maxBodySize?: string;
      /**
       * A request body (ingest and webhooks) must arrive within
       * `minSeconds` + `secondsPerMiB` per declared MiB, else 408.
       * Defaults: 10 and 2.
       */
      bodyTimeout?: {
        minSeconds?: number;
        secondsPerMiB?: number;
      };
    };
    /**
     * Heavy reads (team rollups and drill-downs, windows over 92 days) that
     * run at once and wait; more are refused with 503 and Retry-After.
     */
    heavyReads?: {
      /** Default: 4. */
      maxRunning?: number;
      /** Default: 32. */
      maxQueued?: number;
      /** Default: 5. */
      retryAfterSeconds?: number;
    };
    /**
     * Read-only scorecards (working agreements). See docs/scorecards.md for
     * the format; more can be created through the API.
     */
    scorecards?: Array<{
      id: string;
      title: string;
      description?: string;
      filter?: {
        kinds?: string[];
        types?: string[];
        lifecycles?: string[];
        tags?: string[];
        owners?: string[];
      };
      /** e.g. `30d`. Default: 30d. */
      window?: string;
      /** Level names, lowest first. */
      levels: string[];
      rules: Array<{
        id: string;
        title: string;
        description?: string;
        /** A path into the metrics body, e.g. `pullRequests.timeToFirstReview.p75`. */
        metric: string;
        operator: '<' | '<=' | '>' | '>=';
        /** e.g. `24h`, `15%`, `400`, `1/week`. */
        threshold: string | number;
        warn?: string | number;
        minSampleSize?: number;
        level: string;
        /** ISO-8601: shown as "counts from <activeFrom>" from this instant. */
        announceAt?: string;
        /** ISO-8601: counts for levels and compliance from this instant. */
        activeFrom?: string;
      }>;
      /** ISO-8601: the whole scorecard is announced from this instant. */
      announceAt?: string;
      /** ISO-8601: the whole scorecard counts from this instant. */
      activeFrom?: string;
    }>;
    /** When scorecards are evaluated, and how long results are kept. */
    scorecardEvaluation?: {
      /** A scheduler task schedule. Default: every hour, first run 15 s after start. */
      schedule?: {
        frequency: { cron: string } | string | { [unit: string]: number };
        timeout: string | { [unit: string]: number };
        initialDelay?: string | { [unit: string]: number };
      };
      /** Days of results kept for history. Default: 365. */
      historyDays?: number;
    };
    /**
     * Webhook receivers (`POST /api/dora/v1/webhooks/<source>`). Each
     * provider module reads its own keys under `dora.webhooks.<source>`.
     */
    webhooks?: {
      /**
       * How long delivery ids are remembered: a delivery whose id was seen
       * within this time is refused as replayed. Keep it longer than every
       * `maxAge`. Default: 7d.
       */
      deliveryRetention?: string;
      /**
       * The default of each provider's `maxAge`: a delivery whose own
       * timestamp is older is refused as stale (`30m`, `1h`, `1d`). Each
       * provider module documents its default when this is not set.
       */
      maxAge?: string;
      /** Largest webhook body, e.g. `2mb`. Default: 2mb. */
      maxBodySize?: string;
    };
    /** Team rollups. */
    rollup?: {
      /** Entity kinds owned by a team that are measured. Default: ["Component"]. */
      kinds?: string[];
    };
  };
}
