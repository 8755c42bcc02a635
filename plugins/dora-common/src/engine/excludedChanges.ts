import { DoraSettings } from '../settings/settings';
import { compileExclusions, exclusionReason } from '../settings/exclusions';
import { CountedDeployment } from './countedDeployments';
import { Change } from './timeline';

/**
 * Why each change is left out of lead time, the pull-request metrics and the
 * working agreements (bots and automation); changes that count are absent.
 * Patterns that do not parse were reported when the settings were read and
 * are left out here.
 */
export function excludedChanges(
  changes: readonly Change[],
  settings: DoraSettings,
): Map<Change, string> {
  const excluded = new Map<Change, string>();
  if (!settings.exclusions) return excluded;
  const { compiled } = compileExclusions(settings.exclusions);
  for (const change of changes) {
    const reason = exclusionReason(change, compiled);
    if (reason !== null) excluded.set(change, reason);
  }
  return excluded;
}

/**
 * `excludedDeployments: 'skip'`: counted deployments that shipped at least
 * one change and only excluded ones, which then are not counted in
 * deployment frequency nor in the change failure rate. With the default
 * `count` none is skipped: such a deployment did reach production and can
 * fail.
 */
export function onlyExcludedChanges(
  counted: readonly CountedDeployment[],
  excluded: Map<Change, string>,
  settings: DoraSettings,
): Set<CountedDeployment> {
  const skipped = new Set<CountedDeployment>();
  if (settings.excludedDeployments !== 'skip' || excluded.size === 0) {
    return skipped;
  }
  for (const deployment of counted) {
    const { shipped } = deployment;
    if (shipped.length > 0 && shipped.every(change => excluded.has(change))) {
      skipped.add(deployment);
    }
  }
  return skipped;
}
