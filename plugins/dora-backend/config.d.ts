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
    /**
     * How many days before a window the metrics read, so that changes merged
     * before the window and shipped in it, and incidents linking to earlier
     * deployments, are seen. Default: 90.
     */
    historyDays?: number;
    /** Limits of `POST /api/dora/v1/events`. */
    ingest?: {
      /** Events per request. Default: 5000. */
      maxEvents?: number;
      /** Request body size, e.g. `10mb`. Default: 10mb. */
      maxBodySize?: string;
    };
    /** Team rollups. */
    rollup?: {
      /** Entity kinds owned by a team that are measured. Default: ["Component"]. */
      kinds?: string[];
    };
  };
}
