/** One environment's deployments, grouped. */
export interface EnvironmentCount {
  environment: string;
  deployments: number;
  /** Epoch milliseconds of the last one. */
  lastDeployedAt: number;
}

/** The environments an entity deployed to; the only place that knows how. */
export interface EnvironmentStore {
  /** Deployments of any status per environment, finished in `[from, to)` when given. */
  environmentCounts(
    entityRef: string,
    window: { from?: number; to?: number },
  ): Promise<EnvironmentCount[]>;
}
