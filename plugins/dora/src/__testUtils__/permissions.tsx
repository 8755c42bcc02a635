import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';

/**
 * Renders `element` for a user granted exactly the named permissions
 * (`dora.scorecards.manage`, `dora.scorecards.exempt`); everything else is denied.
 */
export function withPermissions(
  element: ReactElement,
  granted: readonly string[],
): ReactElement {
  const permissionApi = mockApis.permission({
    authorize: request =>
      granted.includes(request.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });
  return (
    <TestApiProvider apis={[[permissionApiRef, permissionApi]]}>
      {element}
    </TestApiProvider>
  );
}

/** A ResponseError as the client throws it for a refused request. */
export async function responseError(status: number, message: string) {
  const names: Record<number, string> = {
    400: 'InputError',
    403: 'NotAllowedError',
    409: 'ConflictError',
  };
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: names[status] ?? 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
