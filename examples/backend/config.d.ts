export interface Config {
  dora?: {
    /** The example's generated delivery history (examples/backend/src/demoData). */
    demoData?: {
      /** Load it at startup (default true; DORA_DEMO_DATA=off also turns it off). */
      enabled?: boolean;
      /** How many days of history. Default 365. */
      days?: number;
      /** Where the history ends (an ISO instant), for reproducible demos. Default: the start of the current UTC hour. */
      endsAt?: string;
    };
  };
}
