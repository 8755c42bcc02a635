import { AuthorKind } from '@dora-metrics/plugin-dora-common';
import { GithubUser } from './githubTypes';

/**
 * Whether a GitHub account is a bot: GitHub says so (`type: Bot`, apps such
 * as Dependabot) or its login ends with `[bot]`. Null when the user is
 * unknown (a deleted account).
 */
export function authorKindOf(
  user: GithubUser | null | undefined,
): AuthorKind | null {
  if (!user?.login) return null;
  return user.type === 'Bot' || user.login.toLowerCase().endsWith('[bot]')
    ? 'bot'
    : 'human';
}
