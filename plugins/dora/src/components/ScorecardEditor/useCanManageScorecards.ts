import { useApiHolder } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { doraScorecardsManagePermission } from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * Whether the signed-in user holds `dora.scorecards.manage`. Like
 * `usePermission`, but an app (or a test) without a permission API reads as
 * "not allowed" instead of failing the whole DORA page, and nothing is cached
 * between renders of different users.
 */
export function useCanManageScorecards(): {
  allowed: boolean;
  loading: boolean;
} {
  const permissionApi = useApiHolder().get(permissionApiRef);
  const { value, loading } = useAsync(async () => {
    if (!permissionApi) return false;
    const { result } = await permissionApi.authorize({
      permission: doraScorecardsManagePermission,
    });
    return result === AuthorizeResult.ALLOW;
  }, [permissionApi]);
  return { allowed: value === true, loading };
}
