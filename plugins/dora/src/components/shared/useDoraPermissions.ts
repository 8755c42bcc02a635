import { useApiHolder } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  doraScorecardsExemptPermission,
  doraScorecardsManagePermission,
} from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';

/** What the signed-in user may do with scorecards, initiatives and exemptions. */
export interface DoraPermissions {
  /** `dora.scorecards.manage`: edit scorecards and initiatives, decide exemptions. */
  canManage: boolean;
  /** `dora.scorecards.exempt` or `dora.scorecards.manage`. */
  canRequestExemption: boolean;
  /** The permission API has not answered yet. */
  loading: boolean;
}

/**
 * Asks the permission API once for both DORA permissions. Like
 * `usePermission`, but an app (or a test) without a permission API allows
 * nothing, so write actions stay hidden instead of the whole DORA page
 * failing; the backend checks the permission on every write anyway.
 */
export function useDoraPermissions(): DoraPermissions {
  const permissionApi = useApiHolder().get(permissionApiRef);
  const { value, loading } = useAsync(async () => {
    if (!permissionApi) return { canManage: false, canRequestExemption: false };
    const [manage, exempt] = await Promise.all(
      [doraScorecardsManagePermission, doraScorecardsExemptPermission].map(
        permission => permissionApi.authorize({ permission }),
      ),
    );
    const canManage = manage.result === AuthorizeResult.ALLOW;
    return {
      canManage,
      canRequestExemption:
        canManage || exempt.result === AuthorizeResult.ALLOW,
    };
  }, [permissionApi]);
  return {
    canManage: value?.canManage ?? false,
    canRequestExemption: value?.canRequestExemption ?? false,
    loading,
  };
}
