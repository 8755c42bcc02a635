export interface Config {
  /** Configuration of the DORA metrics plugins. */
  dora?: {
    /**
     * Where the frontend's "nothing ingested yet" states link to for how to
     * send events (`POST /api/dora/v1/events`). Without it they show a
     * ready-to-copy `curl` example instead.
     * @visibility frontend
     */
    ingestionDocsUrl?: string;
    /**
     * The metric definitions (the project's docs/metrics.md, or your copy of
     * it) that every tile's "How it is measured" link opens, at the metric's
     * heading anchor. Without it the tiles show no such link.
     * @visibility frontend
     */
    docsUrl?: string;
  };
}
