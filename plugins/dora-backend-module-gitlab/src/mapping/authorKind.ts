import { AuthorKind } from '@dora-metrics/plugin-dora-common';
import { GitlabUser } from './gitlabTypes';

/**
 * GitLab's project and group access tokens act as bot users named
 * `project_<id>_bot_<hex>` / `group_<id>_bot_<hex>`; other bots by
 * convention end in `[bot]` or `-bot`.
 */
const BOT_USERNAME = /^(project|group)_\d+_bot(_[0-9a-f]+)?$|\[bot\]$|-bot$/i;

/** `bot` when GitLab flags the user as one or the username is a bot's; else `human`. */
export function authorKindOf(
  user: GitlabUser | null | undefined,
): AuthorKind | null {
  if (!user?.username) return null;
  return user.bot === true || BOT_USERNAME.test(user.username)
    ? 'bot'
    : 'human';
}
