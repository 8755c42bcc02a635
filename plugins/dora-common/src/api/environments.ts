import { z } from 'zod';

/** Query of `GET /v1/environments`: the entity, and an optional `[from, to)` (default: all history). */
export const environmentsQuerySchema = z.object({
  entityRef: z.string().min(1),
  from: z.string().optional(),
  to: z.string().optional(),
});

/** Where a production rule came from. */
export type ProductionRuleSource = 'annotation' | 'config' | 'default';

/** One environment the entity deployed to, and whether it counts as production. */
export interface EnvironmentRow {
  environment: string;
  /** Deployments of any status finished in the window. */
  deployments: number;
  /** ISO-8601 instant of the last one. */
  lastDeployedAt: string;
  production: boolean;
  /** The rule that made it production (as written); null when none matched. */
  rule: string | null;
}

/** Body of `GET /v1/environments`. */
export interface EnvironmentsResponse {
  entityRef: string;
  rules: { rule: string; source: ProductionRuleSource }[];
  environments: EnvironmentRow[];
}
