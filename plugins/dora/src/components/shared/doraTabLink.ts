import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { WINDOW_PARAMS } from './windowParams';

/** The path of the DORA tab below an entity's page (both app systems mount it there). */
export const DORA_TAB_PATH = 'dora';

/** `?window=…` with the window's search params of this page, or `''` without any. */
export function useWindowSearch(): string {
  const [searchParams] = useSearchParams();
  const carried = new URLSearchParams();
  WINDOW_PARAMS.forEach(name => {
    const value = searchParams.get(name);
    if (value !== null) carried.set(name, value);
  });
  const search = carried.toString();
  return search ? `?${search}` : '';
}

/**
 * Links to an entity's DORA tab that keep the window shown here: the
 * window's search params (window, from, to, bucket, tz) go along.
 */
export function useDoraTabLink(): (
  entityRef: string,
  defaultKind?: string,
) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  const search = useWindowSearch();
  return useCallback(
    (entityRef: string, defaultKind = 'component') => {
      const ref: CompoundEntityRef = parseEntityRef(entityRef, {
        defaultKind,
        defaultNamespace: 'default',
      });
      const base = entityRoute({
        kind: encodeURIComponent(ref.kind.toLocaleLowerCase('en-US')),
        namespace: encodeURIComponent(ref.namespace.toLocaleLowerCase('en-US')),
        name: encodeURIComponent(ref.name),
      }).replace(/\/$/, '');
      return `${base}/${DORA_TAB_PATH}${search}`;
    },
    [entityRoute, search],
  );
}
