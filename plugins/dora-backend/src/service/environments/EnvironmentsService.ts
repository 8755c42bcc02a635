import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_PRODUCTION_ENVIRONMENTS,
  DEFAULT_SETTINGS,
  DoraSettings,
  EnvironmentsResponse,
  ProductionRuleSource,
  parseNamePatterns,
  parseProductionEnvironments,
  productionMatcher,
  resolveSettings,
} from '@dora-metrics/plugin-dora-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EnvironmentStore } from '../../database/EnvironmentStore';
import { EntityCatalog } from '../EntityCatalog';

/**
 * Which environments an entity deployed to, which of them count as
 * production, and the rule that decided: the "why is my number 0" answer.
 */
export class EnvironmentsService {
  constructor(
    private readonly options: {
      catalog: EntityCatalog;
      store: EnvironmentStore;
      defaults: DoraSettings;
    },
  ) {}

  async environments(
    ref: string,
    window: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<EnvironmentsResponse> {
    const range = {
      from: instant('from', window.from),
      to: instant('to', window.to),
    };
    if (
      range.from !== undefined &&
      range.to !== undefined &&
      range.from >= range.to
    ) {
      throw new InputError('Invalid query: from must be before to');
    }
    const entity = await this.options.catalog.getEntity(ref, credentials);
    const { defaults } = this.options;
    const { settings } = resolveSettings(entity.metadata.annotations, defaults);
    const rules = settings.productionEnvironments;
    const source = ruleSource(
      entity.metadata.annotations?.[ANNOTATION_PRODUCTION_ENVIRONMENTS],
      defaults,
    );
    const entityRef = stringifyEntityRef(entity);
    const matcher = productionMatcher(rules);
    const counts = await this.options.store.environmentCounts(entityRef, range);
    return {
      entityRef,
      rules: rules.map(rule => ({ rule, source })),
      environments: counts.map(c => {
        const rule = matcher(c.environment);
        return {
          environment: c.environment,
          deployments: c.deployments,
          lastDeployedAt: new Date(c.lastDeployedAt).toISOString(),
          production: rule !== null,
          rule,
        };
      }),
    };
  }
}

/** An ISO-8601 instant of the query, or a 400 naming the parameter. */
function instant(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at)) {
    throw new InputError(
      `Invalid query: ${name}: "${text}" is not an ISO-8601 instant such as 2024-05-01T00:00:00Z`,
    );
  }
  return at;
}

/**
 * The annotation when it holds at least one valid rule (else the settings
 * fall back to the defaults); the config when
 * `dora.defaults.productionEnvironments` differs from the built-in default;
 * else the default.
 */
function ruleSource(
  annotation: string | undefined,
  defaults: DoraSettings,
): ProductionRuleSource {
  if (
    annotation !== undefined &&
    parseNamePatterns(parseProductionEnvironments(annotation)).patterns.length
  ) {
    return 'annotation';
  }
  const configured = defaults.productionEnvironments;
  const builtIn = DEFAULT_SETTINGS.productionEnvironments;
  return JSON.stringify(configured) === JSON.stringify(builtIn)
    ? 'default'
    : 'config';
}
