import { TestApiProvider } from '@backstage/test-utils';
import { renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { withPermissions } from '../../__testUtils__/permissions';
import { useDoraPermissions } from './useDoraPermissions';

async function permissionsWhen(wrap: (children: ReactNode) => JSX.Element) {
  const { result } = renderHook(() => useDoraPermissions(), {
    wrapper: ({ children }) => wrap(children),
  });
  await waitFor(() => expect(result.current.loading).toBe(false));
  return result.current;
}

describe('useDoraPermissions', () => {
  it('allows nothing, without failing, in an app with no permission API (issue 16)', async () => {
    const permissions = await permissionsWhen(children => (
      <TestApiProvider apis={[]}>{children}</TestApiProvider>
    ));
    expect(permissions).toEqual({
      canManage: false,
      canRequestExemption: false,
      loading: false,
    });
  });

  it('lets a holder of dora.scorecards.manage manage and request exemptions (issue 16)', async () => {
    const permissions = await permissionsWhen(children =>
      withPermissions(<>{children}</>, ['dora.scorecards.manage']),
    );
    expect(permissions).toEqual({
      canManage: true,
      canRequestExemption: true,
      loading: false,
    });
  });

  it('lets a holder of dora.scorecards.exempt only request exemptions (issue 16)', async () => {
    const permissions = await permissionsWhen(children =>
      withPermissions(<>{children}</>, ['dora.scorecards.exempt']),
    );
    expect(permissions).toEqual({
      canManage: false,
      canRequestExemption: true,
      loading: false,
    });
  });
});
