import { GithubPullFile } from './githubTypes';

/** Up to this many files a change lists them; above, its top-level directories. */
export const MAX_LISTED_FILES = 300;

/** `services/api/x.ts` → `services/`; a file at the root stays itself. */
function topLevel(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? path : `${path.slice(0, slash + 1)}`;
}

/**
 * The paths a pull request touched, as a change event records them: its
 * files (and the old names of renamed ones) when there are at most
 * MAX_LISTED_FILES; else, or when GitHub's list is cut short (it lists at
 * most 3000 files; `changedFiles` is the real count), the distinct
 * top-level directories, written `dir/`.
 */
export function touchedPaths(
  files: readonly GithubPullFile[],
  changedFiles?: number,
): string[] {
  const paths = [
    ...new Set(
      files.flatMap(f =>
        f.previous_filename ? [f.filename, f.previous_filename] : [f.filename],
      ),
    ),
  ].filter(Boolean);
  const truncated = changedFiles !== undefined && changedFiles > files.length;
  if (!truncated && paths.length <= MAX_LISTED_FILES) return paths.sort();
  return [...new Set(paths.map(topLevel))].sort();
}
