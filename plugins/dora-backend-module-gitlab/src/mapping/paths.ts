import { MAX_PATHS } from '@dora-metrics/plugin-dora-common';
import { GitlabDiff } from './gitlabTypes';

/** Above this many files a change records its top-level directories instead. */
export const MAX_LISTED_FILES = 300;

/** The files a merge request changed (both sides of a rename). */
export function changedFiles(diffs: readonly GitlabDiff[]): string[] {
  const files = new Set<string>();
  for (const diff of diffs) {
    if (diff.new_path) files.add(diff.new_path);
    if (diff.old_path) files.add(diff.old_path);
  }
  return [...files].sort();
}

/**
 * The `paths` of a change: its files, or for a very large change the
 * distinct top-level directories (`dir/`; files at the root stay as they
 * are), never more than the schema allows.
 */
export function changePaths(files: readonly string[]): string[] {
  if (files.length <= MAX_LISTED_FILES) return [...files];
  const tops = new Set(
    files.map(file => {
      const slash = file.indexOf('/');
      return slash < 0 ? file : `${file.slice(0, slash)}/`;
    }),
  );
  return [...tops].sort().slice(0, MAX_PATHS);
}

/** Lines added and removed, counted from the unified diffs (`+`/`-` lines). */
export function diffLineCounts(diffs: readonly GitlabDiff[]): {
  additions: number;
  deletions: number;
} {
  let additions = 0;
  let deletions = 0;
  for (const { diff } of diffs) {
    for (const line of (diff ?? '').split('\n')) {
      if (line.startsWith('+++') || line.startsWith('---')) continue;
      if (line.startsWith('+')) additions++;
      else if (line.startsWith('-')) deletions++;
    }
  }
  return { additions, deletions };
}
