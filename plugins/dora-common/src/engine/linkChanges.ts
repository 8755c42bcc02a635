import { CountedDeployment } from './countedDeployments';
import { Change } from './timeline';

/** First change per id (changes are sorted, so the choice does not depend on input order). */
export function indexChangesById(changes: Change[]): Map<string, Change> {
  const byId = new Map<string, Change>();
  for (const change of changes) {
    if (!byId.has(change.id)) byId.set(change.id, change);
  }
  return byId;
}

/**
 * Links each change to the first counted deployment that ships it.
 * - A deployment with a `changeIds` list (even an empty one) ships exactly
 *   those changes.
 * - A deployment without one ships every merged change not shipped before,
 *   merged at or before its cutoff: the merge of the change whose merge
 *   commit it deploys, else its own finish.
 * Fills `shipped` on every counted deployment and returns who shipped what.
 */
export function linkChanges(
  counted: CountedDeployment[],
  changes: Change[],
): Map<Change, CountedDeployment> {
  const byId = indexChangesById(changes);
  const byMergeCommit = new Map<string, Change>();
  for (const change of changes) {
    if (change.mergeCommitSha && change.mergedAt !== null) {
      if (!byMergeCommit.has(change.mergeCommitSha)) {
        byMergeCommit.set(change.mergeCommitSha, change);
      }
    }
  }
  // Changes sorted by merge time: the inferred links take a prefix of them.
  const merged = changes.filter(change => change.mergedAt !== null);
  const shippedBy = new Map<Change, CountedDeployment>();
  let nextMerged = 0;

  for (const shipping of counted) {
    const { changeIds, commitSha, finishedAt } = shipping.deployment;
    if (changeIds !== null) {
      for (const id of changeIds) {
        const change = byId.get(id);
        if (change && !shippedBy.has(change)) {
          shippedBy.set(change, shipping);
          shipping.shipped.push(change);
        }
      }
      continue;
    }
    const cutoff =
      (commitSha !== null ? byMergeCommit.get(commitSha)?.mergedAt : null) ??
      finishedAt;
    while (
      nextMerged < merged.length &&
      merged[nextMerged].mergedAt! <= cutoff
    ) {
      const change = merged[nextMerged++];
      if (!shippedBy.has(change)) {
        shippedBy.set(change, shipping);
        shipping.shipped.push(change);
      }
    }
  }
  return shippedBy;
}
