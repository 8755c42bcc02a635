import { CountedDeployment } from './countedDeployments';
import { Change } from './timeline';

/**
 * The position in `changes` of the first change per id (changes are sorted,
 * so the choice does not depend on input order).
 */
export function changePositionsById(changes: Change[]): Map<string, number> {
  const positions = new Map<string, number>();
  // From the end, so the first change per id is the one left: one map
  // operation per change instead of two.
  for (let i = changes.length - 1; i >= 0; i--) {
    positions.set(changes[i].id, i);
  }
  return positions;
}

/**
 * The first merged change per merge commit, for the merge commits that
 * deployments without `changeIds` deploy. Only those are indexed: indexing
 * every merge commit of an entity-year was a measurable cost, and
 * deployments that list their changes never look one up.
 */
function indexMergeCommits(
  counted: CountedDeployment[],
  changes: Change[],
): Map<string, Change> {
  const deployed = new Set<string>();
  for (const { deployment } of counted) {
    if (deployment.changeIds === null && deployment.commitSha !== null) {
      deployed.add(deployment.commitSha);
    }
  }
  const byMergeCommit = new Map<string, Change>();
  if (deployed.size === 0) return byMergeCommit;
  for (const change of changes) {
    const sha = change.mergeCommitSha;
    if (sha && change.mergedAt !== null && deployed.has(sha)) {
      if (!byMergeCommit.has(sha)) byMergeCommit.set(sha, change);
    }
  }
  return byMergeCommit;
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
  positionById: Map<string, number> = changePositionsById(changes),
): Map<Change, CountedDeployment> {
  const byMergeCommit = indexMergeCommits(counted, changes);
  const shippedBy = new Map<Change, CountedDeployment>();
  // Which changes are shipped, by position: a typed array answers that much
  // faster than asking the map about each of an entity-year's changes.
  const isShipped = new Uint8Array(changes.length);
  const ship = (position: number, shipping: CountedDeployment) => {
    if (isShipped[position]) return;
    isShipped[position] = 1;
    const change = changes[position];
    shippedBy.set(change, shipping);
    shipping.shipped.push(change);
  };
  // Changes are sorted by merge time: the inferred links take the merged
  // changes in that order, up to each cutoff.
  let nextChange = 0;

  for (const shipping of counted) {
    const { changeIds, commitSha, finishedAt } = shipping.deployment;
    if (changeIds !== null) {
      for (const id of changeIds) {
        const position = positionById.get(id);
        if (position !== undefined) ship(position, shipping);
      }
      continue;
    }
    const cutoff =
      (commitSha !== null ? byMergeCommit.get(commitSha)?.mergedAt : null) ??
      finishedAt;
    for (; nextChange < changes.length; nextChange++) {
      const mergedAt = changes[nextChange].mergedAt;
      if (mergedAt === null) continue;
      if (mergedAt > cutoff) break;
      ship(nextChange, shipping);
    }
  }
  return shippedBy;
}
