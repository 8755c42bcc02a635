import { useApiHolder } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  doraScorecardsExemptPermission,
  doraScorecardsManagePermission,
} from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';

/** What the signed-in user may do with exemptions. */
export interface ExemptionPermissions {
  /** `dora.scorecards.exempt` or `dora.scorecards.manage`. */
  canRequest: boolean;
  /** `dora.scorecards.manage`: approve, deny, revoke. */
  canDecide: boolean;
}

const NONE: ExemptionPermissions = { canRequest: false, canDecide: false };

/**
 * Asks the permission API once for both permissions. An app without a
 * permission API (as in tests that do not provide one) allows nothing, so
 * the actions stay hidden rather than the page failing; the backend checks
 * every write anyway.
 */
export function useExemptionPermissions(): ExemptionPermissions {
  const permissionApi = useApiHolder().get(permissionApiRef);
  const { value } = useAsync(async () => {
    if (!permissionApi) return NONE;
    const [manage, exempt] = await Promise.all(
      [doraScorecardsManagePermission, doraScorecardsExemptPermission].map(
        permission => permissionApi.authorize({ permission }),
      ),
    );
    const canDecide = manage.result === AuthorizeResult.ALLOW;
    return {
      canDecide,
      canRequest: canDecide || exempt.result === AuthorizeResult.ALLOW,
    };
  }, [permissionApi]);
  return value ?? NONE;
}
