import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Which entities {@link findEntitiesByAnnotation} returns. */
export interface AnnotationQuery {
  /** The annotation key, e.g. `github.com/project-slug`. */
  annotation: string;
  /**
   * The value it must have (the catalog compares case-insensitively); left
   * out, every entity that has the annotation at all.
   */
  value?: string;
}

/**
 * The entities whose annotation matches, with only what a source mapping
 * needs: kind, name, namespace and annotations.
 */
export async function findEntitiesByAnnotation(
  catalog: CatalogService,
  query: AnnotationQuery,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${query.annotation}`]:
          query.value ?? CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    },
    { credentials },
  );
  return items;
}

/** The entity's ref lower-cased: how the dora plugin stores and compares refs. */
export function lowerCaseEntityRef(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}
