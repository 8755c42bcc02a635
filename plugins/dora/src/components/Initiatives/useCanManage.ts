import { useApiHolder } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { doraScorecardsManagePermission } from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * Whether the signed-in user holds `dora.scorecards.manage`, which creating,
 * changing and deleting initiatives needs. An app without a permission API
 * (some test apps) shows no write buttons rather than failing the page; the
 * backend checks the permission on every write anyway.
 */
export function useCanManageScorecards(): boolean {
  const permissionApi = useApiHolder().get(permissionApiRef);
  const { value } = useAsync(async () => {
    if (!permissionApi) return false;
    const decision = await permissionApi.authorize({
      permission: doraScorecardsManagePermission,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }, [permissionApi]);
  return value ?? false;
}
