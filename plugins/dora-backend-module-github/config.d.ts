export interface Config {
  dora?: {
    /**
     * The GitHub collector (`@dora-metrics/plugin-dora-backend-module-github`).
     * Credentials come from `integrations.github` (a token or a GitHub App).
     */
    github?: {
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
       * The host of the repositories named by `github.com/project-slug`;
       * it must match an `integrations.github` host. Default: github.com.
       */
      host?: string;
      /** How many days back the first collection of a repository reads. Default: 90. */
      lookbackDays?: number;
      /**
       * A workflow file name (e.g. `deploy.yml`) whose completed runs are the
       * deployments, instead of GitHub deployments. Entities override it with
       * the annotation `dora/github-deployment-workflow` (`none` turns it off).
       */
      deploymentWorkflow?: string;
      /**
       * The environment recorded for workflow-run deployments. Default:
       * production. Entities override it with `dora/github-deployment-environment`.
       */
      workflowEnvironment?: string;
      /**
       * Environments by rule for workflow-run deployments: the first rule
       * whose `match` (an exact name, a glob with `*` and `?`, or `/regex/`
       * with an optional `i` flag) matches the run's workflow name or its
       * display title gives the environment. No match: `workflowEnvironment`
       * or the entity's `dora/github-deployment-environment`.
       */
      workflowEnvironments?: Array<{
        /** e.g. `deploy prod*`, `Deploy production`, `/staging/i`. */
        match: string;
        /** e.g. `production`. */
        environment: string;
      }>;
      /** Rate limit handling. */
      rateLimit?: {
        /** The longest single wait for a rate limit reset, in seconds; longer stops the run until the next one. Default: 900. */
        maxWaitSeconds?: number;
        /** Retries of one request after a rate limit or a 5xx answer. Default: 3. */
        maxRetries?: number;
      };
    };
    webhooks?: {
      /**
       * The GitHub webhook receiver (`POST /api/dora/v1/webhooks/github`),
       * registered only when this is set.
       */
      github?: {
        /**
         * Webhook secrets (`X-Hub-Signature-256`); several while rotating.
         * @visibility secret
         */
        secrets: string[];
        /** A delivery whose object was last updated longer ago is refused as stale. Default: 3d. */
        maxAge?: string;
      };
    };
  };
}
