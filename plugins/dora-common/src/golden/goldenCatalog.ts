import { DoraEvent } from '../events/schemas';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_PATHS,
} from '../settings/annotations';
import { attributeChange, parseClaimedPaths } from '../settings/pathClaims';

type FixtureCatalog = {
  entityRef: string;
  annotations: Record<string, string>;
}[];

const lower = (text: string) => text.toLocaleLowerCase('en-US');

/**
 * The events of a fixture's requested entity when the fixture has a catalog
 * (monorepo cases): a change without entityRef belongs to the entities that
 * `attributeChange` gives among the catalog entities of its repository
 * (`github.com/project-slug`), as ingestion attributes it; every other event
 * to the entity it names.
 */
export function eventsOfRequestedEntity(
  events: DoraEvent[],
  catalog: FixtureCatalog | undefined,
  requestedRef: string,
): DoraEvent[] {
  if (!catalog) return events;
  const requested = lower(requestedRef);
  return events
    .filter(event => {
      if (event.entityRef) return lower(event.entityRef) === requested;
      if (event.kind !== 'change' || !event.repository) return false;
      const repository = lower(event.repository);
      const entities = catalog
        .filter(
          e =>
            lower(e.annotations[ANNOTATION_GITHUB_PROJECT_SLUG] ?? '') ===
            repository,
        )
        .map(e => ({
          entityRef: e.entityRef,
          paths: parseClaimedPaths(e.annotations[ANNOTATION_PATHS]),
        }));
      return attributeChange(event.paths, entities).entityRefs.includes(
        requested,
      );
    })
    .map(event => ({ ...event, entityRef: requestedRef }));
}
