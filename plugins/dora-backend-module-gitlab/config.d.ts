export interface Config {
  dora?: {
    /**
     * The GitLab collector (`@dora-metrics/plugin-dora-backend-module-gitlab`);
     * it runs only when this is set. The token and API URL come from
     * `integrations.gitlab` (a token with `read_api` scope).
     */
    gitlab?: {
      /**
       * When the collection runs (a scheduler task schedule). Default: every
       * 30 minutes, 15 minutes timeout, first run 1 minute after start.
       */
      schedule?: {
        frequency: { cron: string } | string | { [unit: string]: number };
        timeout: string | { [unit: string]: number };
        initialDelay?: string | { [unit: string]: number };
      };
      /**
       * The host of the projects named by `gitlab.com/project-slug` or
       * `gitlab.com/project-id`; it must match an `integrations.gitlab` host.
       * Default: gitlab.com.
       */
      host?: string;
      /** How many days back the first collection of a project reads. Default: 90. */
      lookbackDays?: number;
      /**
       * A job name (or pattern: `deploy*`, `/^deploy-(prod|eu)$/`) whose runs
       * in finished pipelines are the deployments, instead of GitLab
       * deployments. Entities override it with the annotation
       * `dora/gitlab-deployment-job` (`none` turns it off).
       */
      deploymentJob?: string;
      /**
       * The environment of a deployment job, by its name: the first entry
       * whose `match` pattern matches; default `production`.
       */
      jobEnvironments?: Array<{
        /** A job name pattern: exact, glob (`deploy prod*`) or `/regex/`. */
        match: string;
        environment: string;
      }>;
      /** Rate limit handling. */
      rateLimit?: {
        /** The longest single wait for a rate limit, in seconds; longer stops the run until the next one. Default: 900. */
        maxWaitSeconds?: number;
        /** Retries of one request after a 429 or a 5xx answer. Default: 3. */
        maxRetries?: number;
      };
    };
    webhooks?: {
      /**
       * The GitLab webhook receiver (`POST /api/dora/v1/webhooks/gitlab`),
       * registered only when this is set.
       */
      gitlab?: {
        /**
         * Secret tokens GitLab sends as `X-Gitlab-Token`; several while rotating.
         * @visibility secret
         */
        secrets: string[];
        /** A delivery whose object last changed longer ago is refused as stale. Default: 3d. */
        maxAge?: string;
      };
    };
  };
}
