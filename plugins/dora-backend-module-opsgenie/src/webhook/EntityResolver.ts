import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_OPSGENIE_COMPONENT_SELECTOR } from '@dora-metrics/plugin-dora-common';
import {
  findEntitiesByAnnotation,
  lowerCaseEntityRef,
} from '@dora-metrics/plugin-dora-node';
import {
  SelectorClause,
  matchesSelector,
  parseComponentSelector,
} from './componentSelector';
import { EntityMapping } from './config';
import { OpsgenieWebhookPayload } from './opsgenieTypes';

/** Selectors change rarely; one catalog query a minute at most. */
const CACHE_MS = 60_000;

interface CatalogSelector {
  entityRef: string;
  clauses: SelectorClause[];
}

export type Resolution =
  { entityRef: string } | { entityRef?: undefined; reason: string };

/**
 * Finds the entity of an alert: the first configured mapping that matches,
 * else the one catalog entity whose `opsgenie.com/component-selector`
 * matches. None, or several, is no entity (with the reason).
 */
export class EntityResolver {
  private cached?: { at: number; selectors: Promise<CatalogSelector[]> };

  constructor(
    private readonly mappings: EntityMapping[],
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  async resolve(payload: OpsgenieWebhookPayload): Promise<Resolution> {
    const mapped = this.mappings.find(m => matchesSelector(m.clauses, payload));
    if (mapped) return { entityRef: mapped.entityRef };

    const matching = (await this.catalogSelectors(Date.now()))
      .filter(s => matchesSelector(s.clauses, payload))
      .map(s => s.entityRef);
    if (matching.length === 1) return { entityRef: matching[0] };
    return {
      reason:
        matching.length === 0
          ? 'no entity mapping or opsgenie.com/component-selector matches the alert'
          : `${matching.length} entities match the alert (${matching.join(', ')})`,
    };
  }

  private catalogSelectors(now: number): Promise<CatalogSelector[]> {
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      const selectors = this.readCatalogSelectors();
      // A failed read is not kept: the next delivery tries again.
      selectors.catch(() => (this.cached = undefined));
      this.cached = { at: now, selectors };
    }
    return this.cached.selectors;
  }

  private async readCatalogSelectors(): Promise<CatalogSelector[]> {
    const items = await findEntitiesByAnnotation(
      this.catalog,
      { annotation: ANNOTATION_OPSGENIE_COMPONENT_SELECTOR },
      await this.auth.getOwnServiceCredentials(),
    );
    const selectors: CatalogSelector[] = [];
    for (const entity of items) {
      const entityRef = lowerCaseEntityRef(entity);
      const selector =
        entity.metadata.annotations?.[ANNOTATION_OPSGENIE_COMPONENT_SELECTOR] ??
        '';
      const clauses = parseComponentSelector(selector);
      if (clauses) {
        selectors.push({ entityRef, clauses });
      } else {
        this.logger.warn(
          `Ignoring ${ANNOTATION_OPSGENIE_COMPONENT_SELECTOR} "${selector}" of ${entityRef}: not a supported selector`,
        );
      }
    }
    return selectors;
  }
}
