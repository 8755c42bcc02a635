import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_GITLAB_PROJECT_SLUG,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  ANNOTATION_PATHS,
  DoraEvent,
  EventProblem,
  RepositoryEntity,
  attributeChange,
  validateEventBatch,
} from '@dora-metrics/plugin-dora-common';
import { DoraStore, ResolvedEvent } from '../database/DoraStore';
import { EntityCatalog, normalizeEntityRef } from './EntityCatalog';
import { EventBatchError, PayloadTooLargeError } from './errors';

/** The longest entity ref stored (its column's length), once normalized. */
const MAX_ENTITY_REF = 512;

/** How an incident without `entityRef` names its entity in the catalog. */
function catalogKey(
  event: DoraEvent,
): { annotation: string; value: string } | undefined {
  if (event.kind === 'incident' && event.serviceId) {
    return {
      annotation: ANNOTATION_PAGERDUTY_SERVICE_ID,
      value: event.serviceId,
    };
  }
  return undefined;
}

function unresolved(
  key: { annotation: string; value: string } | undefined,
  refs: string[],
): string {
  if (!key) return 'has no entityRef';
  const named = key.value ? `${key.annotation}: ${key.value}` : key.annotation;
  if (refs.length === 0) {
    return `has no entityRef and no catalog entity has ${named}`;
  }
  return `has no entityRef and ${refs.length} catalog entities have ${named} (${refs.join(', ')}); send entityRef`;
}

/**
 * The entities a change of a repository belongs to (monorepos: by the paths
 * it touched and those its entities claim), or why it has none.
 */
function changeEntities(
  repository: string,
  touched: string[] | null | undefined,
  entities: RepositoryEntity[],
): { refs: string[] } | { problem: string } {
  const named = `${ANNOTATION_GITHUB_PROJECT_SLUG} or ${ANNOTATION_GITLAB_PROJECT_SLUG}: ${repository}`;
  const { entityRefs, rule } = attributeChange(touched, entities);
  if (rule === 'repository') {
    if (entityRefs.length === 1) return { refs: entityRefs };
    const key =
      entityRefs.length === 0
        ? {
            annotation: ANNOTATION_GITHUB_PROJECT_SLUG,
            value: `${repository} nor ${ANNOTATION_GITLAB_PROJECT_SLUG}: ${repository}`,
          }
        : { annotation: named, value: '' };
    return { problem: unresolved(key, entityRefs) };
  }
  if (entityRefs.length > 0) return { refs: entityRefs };
  const claims = entities
    .filter(e => e.paths !== null)
    .map(e => `${e.entityRef} claims ${e.paths!.join(', ')}`)
    .join('; ');
  const defaults = entities.filter(e => e.paths === null);
  const paths = touched?.length
    ? `touched ${touched.join(', ')}`
    : 'records no paths';
  const fallback =
    defaults.length === 0
      ? `no entity of the repository is its default (one without ${ANNOTATION_PATHS})`
      : `${defaults.length} entities without ${ANNOTATION_PATHS} could be its default (${defaults.map(e => e.entityRef).join(', ')})`;
  return {
    problem: `has no entityRef; it ${paths}, which no claim of ${named} covers (${claims}), and ${fallback}; send entityRef or claim its paths`,
  };
}

/**
 * The one ingest path (HTTP and backend modules): validate every event,
 * resolve entities through the catalog, then store all or nothing.
 */
export class IngestService {
  constructor(
    private readonly store: DoraStore,
    private readonly catalog: EntityCatalog,
    private readonly maxEvents: number,
    /** Told after every write (the facts of its entities are out of date). */
    private readonly afterWrite: () => void = () => {},
  ) {}

  async ingest(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<{ accepted: number }> {
    const resolved = await this.resolve(body, credentials);
    await this.store.upsertEvents(resolved);
    this.afterWrite();
    // Every event sent: a change stored for several entities (monorepos,
    // attributed by paths) is still one event accepted.
    const accepted = (body as { events: unknown[] }).events.length;
    return { accepted };
  }

  /** Tells that events were written by another path (a webhook delivery). */
  written(): void {
    this.afterWrite();
  }

  /**
   * Everything `ingest` does but the write: validated events with their
   * entities (a change once per entity it belongs to), or the same errors. Webhooks write them with their delivery id.
   */
  async resolve(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<ResolvedEvent[]> {
    const rawEvents = (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(rawEvents)) {
      throw new InputError(
        'The body must be a JSON object { "events": [ ... ] }',
      );
    }
    if (rawEvents.length > this.maxEvents) {
      throw new PayloadTooLargeError(
        `${rawEvents.length} events in one request; send at most ${this.maxEvents}`,
      );
    }
    const validated = validateEventBatch(rawEvents);
    if (!validated.ok) {
      throw new EventBatchError(
        `${validated.problems.length} of ${rawEvents.length} events are invalid; nothing was stored`,
        validated.problems,
      );
    }
    return this.resolveEntities(validated.events, credentials);
  }

  private async resolveEntities(
    events: DoraEvent[],
    credentials: BackstageCredentials,
  ): Promise<ResolvedEvent[]> {
    const problems: EventProblem[] = [];
    const lookups = new Map<string, Promise<string[]>>();
    const lookup = (annotation: string, value: string) => {
      const key = `${annotation}=${value.toLocaleLowerCase('en-US')}`;
      if (!lookups.has(key)) {
        lookups.set(
          key,
          this.catalog.findByAnnotation(annotation, value, credentials),
        );
      }
      return lookups.get(key)!;
    };

    const repositories = new Map<string, Promise<RepositoryEntity[]>>();
    const repositoryEntities = (repository: string) => {
      const key = repository.toLocaleLowerCase('en-US');
      if (!repositories.has(key)) {
        repositories.set(
          key,
          this.catalog.repositoryEntities(repository, credentials),
        );
      }
      return repositories.get(key)!;
    };

    const resolved = await Promise.all(
      events.map(async (event, index): Promise<ResolvedEvent[]> => {
        const label = `event ${index} (${event.kind} "${event.id}")`;
        if (event.entityRef) {
          try {
            const entityRef = normalizeEntityRef(event.entityRef);
            if (entityRef.length > MAX_ENTITY_REF) {
              throw new Error(
                `is ${entityRef.length} characters long as ${entityRef.slice(0, 40)}…; at most ${MAX_ENTITY_REF} are stored`,
              );
            }
            return [{ ...event, entityRef }];
          } catch (error) {
            problems.push({
              index,
              message: `${label}: entityRef ${(error as Error).message}`,
            });
            return [];
          }
        }
        if (event.kind === 'change' && event.repository) {
          const found = changeEntities(
            event.repository,
            event.paths,
            await repositoryEntities(event.repository),
          );
          if ('refs' in found) {
            return found.refs.map(entityRef => ({ ...event, entityRef }));
          }
          problems.push({
            index,
            message: `${label} ${found.problem}`,
            code: 'unresolved-entity',
          });
          return [];
        }
        const key = catalogKey(event);
        const refs = key ? await lookup(key.annotation, key.value) : [];
        if (key && refs.length === 1) {
          return [{ ...event, entityRef: refs[0] }];
        }
        problems.push({
          index,
          message: `${label} ${unresolved(key, refs)}`,
          code: 'unresolved-entity',
        });
        return [];
      }),
    );
    if (problems.length) {
      problems.sort((a, b) => a.index - b.index);
      throw new EventBatchError(
        `${problems.length} of ${events.length} events name no entity; nothing was stored`,
        problems,
      );
    }
    return resolved.flat();
  }
}
