import { parseEntityRef } from '@backstage/catalog-model';

/** `namespace/name` of a group ref, each part encoded, for `/v1/groups/...` paths. */
export function groupPath(groupRef: string): string {
  const { namespace, name } = parseEntityRef(groupRef, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  return `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
