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
  };
}
