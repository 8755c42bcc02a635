export interface Config {
  /** Configuration of the DORA metrics backend plugin. */
  dora?: {
    /**
     * Defaults for entities whose annotations do not say otherwise
     * (`dora/production-environments`, `dora/change-failure-mode`,
     * `dora/attribution-window`).
     */
    defaults?: {
      /**
       * Environment names and patterns that count as production: a name, a
       * glob (`prod*`) or a `/regex/` (`/^prod-[a-z]+-\d$/`). Default: ["production"].
       */
      productionEnvironments?: string[];
      /** `incidents` (DORA) or `pipeline` (failed runs). Default: incidents. */
      changeFailureMode?: 'incidents' | 'pipeline';
      /** How long after a deployment an unlinked incident is blamed on it: `30m`, `1h`, `4h` or `none`. Default: 1h. */
      attributionWindow?: string;
    };
    /**
     * Changes left out of lead time, the pull-request metrics and the
     * working agreements (bots, automation). Entities and Groups (for their
     * subtree) override each list with `dora/exclude-authors`,
     * `dora/exclude-labels`, `dora/exclude-titles`, `dora/exclude-bots`.
     * Patterns: a name, a glob (`*-bot`) or a `/regex/`.
     */
    exclusions?: {
      /** Author logins (case-insensitive), e.g. `dependabot[bot]`, `renovate[bot]`, `*-bot`. */
      authors?: string[];
      /** Labels (case-insensitive), e.g. `dependencies`. */
      labels?: string[];
      /** Title patterns, e.g. `/^chore\(deps\)/`. */
      titles?: string[];
      /** Leave out changes whose source says a bot wrote them. Default: false. */
      bots?: boolean;
      /**
       * A deployment that shipped only excluded changes: `count` (default:
       * it still reached production) or `skip` (not a deployment).
       */
      deployments?: 'count' | 'skip';
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
     * Backstage notifications when something changes (see
     * docs/notifications.md). Needs the notifications backend plugin.
     */
    notifications?: {
      /** Nothing is evaluated or sent unless true. Default: false. */
      enabled?: boolean;
      /** When the signals are evaluated (a global task). Default: every 30 minutes, first run 1 minute after start, 15 minute timeout. */
      schedule?: {
        frequency: { cron: string } | string | { [unit: string]: number };
        timeout: string | { [unit: string]: number };
        initialDelay?: string | { [unit: string]: number };
      };
      /** Evaluations in a row a change must hold before it is sent (1 to 100). Default: 2. */
      consecutiveEvaluations?: number;
      /** The metric band signals look at the last N days (1 to 366). Default: 30. */
      metricWindowDays?: number;
      /** A pull request waiting for a first review past this share of the agreed time gets a heads-up (above 0, up to 1). Default: 0.75. */
      reviewHeadsUpShare?: number;
      /** Each signal on or off. Default: all on. */
      signals?: {
        /** A scorecard rule of an entity starts failing, and passes again. */
        ruleFailed?: boolean;
        /** An entity falls to a lower scorecard level, and gets it back. */
        levelLost?: boolean;
        /** A DORA metric of an entity or a team leaves its band for a worse one, and comes back. */
        metricBand?: boolean;
        /** A pull request waits for its first review past `reviewHeadsUpShare` of the agreed time. */
        reviewHeadsUp?: boolean;
        /** The weekly digest. */
        digest?: boolean;
      };
      /** Who hears about scorecards not named under `scorecards`, and about entity metric bands. */
      recipients?: {
        /** Whether those scorecards' rule and level signals are sent. Default: true. */
        enabled?: boolean;
        /** The owner groups of the entity. Default: true. */
        notifyOwners?: boolean;
        /** More entity refs (groups or users) that hear about every entity. Default: none. */
        recipients?: string[];
      };
      /** Per scorecard id; what is not set comes from `recipients`. */
      scorecards?: {
        [scorecardId: string]: {
          enabled?: boolean;
          notifyOwners?: boolean;
          recipients?: string[];
        };
      };
      /** The weekly digest. */
      digest?: {
        /** Default: Mondays 08:00 UTC. */
        schedule?: {
          frequency: { cron: string } | string | { [unit: string]: number };
          timeout: string | { [unit: string]: number };
          initialDelay?: string | { [unit: string]: number };
        };
        /** Movers compare the last N days with the N days before. Default: 28. */
        windowDays?: number;
        /** Exemptions expiring within N days are listed. Default: 14. */
        expiringWithinDays?: number;
        /** How many movers each way. Default: 3. */
        moversShown?: number;
      };
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
