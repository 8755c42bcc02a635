import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { JsonObject } from '@backstage/types';
import { RenderResult } from '@testing-library/react';
import { ReactElement } from 'react';
import { DoraApi, doraApiRef } from '../api/DoraApi';
import { rootRouteRef } from '../routes';
import { createFakeDoraApi } from './fixtures';

export interface RenderOptions {
  api?: jest.Mocked<DoraApi>;
  entity?: Entity;
  catalogApi?: unknown;
  config?: JsonObject;
  routeEntries?: string[];
}

/** Renders in a test app with a fake DoraApi, the entity (if any) and the catalog routes. */
export async function renderDora(
  element: ReactElement,
  options: RenderOptions = {},
): Promise<RenderResult & { api: jest.Mocked<DoraApi> }> {
  const api = options.api ?? createFakeDoraApi();
  const apis: [any, any][] = [
    [doraApiRef, api],
    [configApiRef, mockApis.config({ data: options.config ?? {} })],
  ];
  if (options.catalogApi) apis.push([catalogApiRef, options.catalogApi]);
  const result = await renderInTestApp(
    <TestApiProvider apis={apis}>
      {options.entity ? (
        <EntityProvider entity={options.entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/dora': rootRouteRef,
      },
      routeEntries: options.routeEntries,
    },
  );
  return { ...result, api };
}
