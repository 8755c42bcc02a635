/** `kind:namespace/name`, the kind and namespace defaulting as the catalog does. */
export function parseEntityRefLoosely(entityRef: string) {
  const colon = entityRef.indexOf(':');
  const kind = colon > 0 ? entityRef.slice(0, colon) : 'component';
  const rest = entityRef.slice(colon + 1);
  const slash = rest.indexOf('/');
  return {
    kind,
    namespace: slash > 0 ? rest.slice(0, slash) : 'default',
    name: slash > 0 ? rest.slice(slash + 1) : rest,
  };
}

/**
 * The app path of an entity's DORA tab (the catalog's entity route and the
 * tab's `dora` path): where each notification points.
 */
export function doraTabPath(entityRef: string): string {
  const ref = parseEntityRefLoosely(entityRef);
  return `/catalog/${encodeURIComponent(
    ref.namespace.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(
    ref.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(ref.name)}/dora`;
}
