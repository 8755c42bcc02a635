import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who did it, for the audit list: the user's entity ref, or the service's subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const { principal } = credentials as BackstageCredentials<{
    type: string;
    userEntityRef?: string;
    subject?: string;
  }>;
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type;
}
