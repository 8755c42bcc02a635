import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  findEntitiesByAnnotation,
  lowerCaseEntityRef,
} from './entitiesByAnnotation';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'Payments-API',
    annotations: { 'github.com/project-slug': 'acme/payments-api' },
  },
};
const credentials = {} as BackstageCredentials;

function fakeCatalog() {
  const getEntities = jest.fn().mockResolvedValue({ items: [entity] });
  return { catalog: { getEntities } as unknown as CatalogService, getEntities };
}

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

describe('findEntitiesByAnnotation', () => {
  it('asks the catalog for the entities with the annotation value', async () => {
    const { catalog, getEntities } = fakeCatalog();
    const found = await findEntitiesByAnnotation(
      catalog,
      { annotation: 'github.com/project-slug', value: 'acme/payments-api' },
      credentials,
    );
    expect(found).toEqual([entity]);
    expect(getEntities).toHaveBeenCalledWith(
      {
        filter: {
          'metadata.annotations.github.com/project-slug': 'acme/payments-api',
        },
        fields: FIELDS,
      },
      { credentials },
    );
  });

  it('without a value, asks for every entity that has the annotation', async () => {
    const { catalog, getEntities } = fakeCatalog();
    await findEntitiesByAnnotation(
      catalog,
      { annotation: 'github.com/project-slug' },
      credentials,
    );
    expect(getEntities).toHaveBeenCalledWith(
      {
        filter: {
          'metadata.annotations.github.com/project-slug': CATALOG_FILTER_EXISTS,
        },
        fields: FIELDS,
      },
      { credentials },
    );
  });
});

describe('lowerCaseEntityRef', () => {
  it('is the full ref, lower-cased', () => {
    expect(lowerCaseEntityRef(entity)).toBe('component:default/payments-api');
  });
});
