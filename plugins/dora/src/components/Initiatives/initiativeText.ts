import {
  Initiative,
  InitiativeProgress,
  InitiativeTarget,
  Scorecard,
} from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { capitalize, formatPercent, plural } from '../format';

/*
 * The words an initiative is told in, on the list, its page and the team
 * tab alike: its target, how far along it is and how much time is left.
 */

/** The scorecard a target names, when it is known. */
export type ScorecardLookup = (id: string) => Scorecard | undefined;

function ruleTitle(scorecard: Scorecard | undefined, ruleId: string): string {
  return scorecard?.rules.find(r => r.id === ruleId)?.title ?? ruleId;
}

/** What a target asks of one entity: `at Silver in Delivery`, `passing "First review" in Delivery`. */
export function targetWhat(
  target: InitiativeTarget,
  scorecard: Scorecard | undefined,
): string {
  const name = scorecard?.title ?? target.scorecardId;
  if ('ruleId' in target) {
    return `passing “${ruleTitle(scorecard, target.ruleId)}” in ${name}`;
  }
  return `at ${capitalize(target.level)} in ${name}`;
}

/** The whole target: `80 % at Silver in Delivery`. */
export function targetText(
  initiative: Pick<Initiative, 'target' | 'targetShare'>,
  scorecard: Scorecard | undefined,
): string {
  return `${formatPercent(initiative.targetShare)} ${targetWhat(
    initiative.target,
    scorecard,
  )}`;
}

/** The rules an entity misses, by their titles. */
export function missesText(
  misses: string[],
  target: InitiativeTarget,
  scorecard: Scorecard | undefined,
): string {
  if (misses.length === 0) {
    return 'ruleId' in target
      ? 'the rule is not graded for it yet'
      : 'not graded at this level yet';
  }
  return misses.map(id => ruleTitle(scorecard, id)).join(', ');
}

/** Which part of the catalog it is about. */
export function scopeText(scope: Initiative['scope']): string {
  const parts = (
    [
      ['owners', scope.owners],
      ['kinds', scope.kinds],
      ['types', scope.types],
      ['lifecycles', scope.lifecycles],
      ['tags', scope.tags],
    ] as const
  )
    .filter(([, values]) => values && values.length > 0)
    .map(([name, values]) => `${name} ${values!.join(', ')}`);
  return parts.length ? parts.join('; ') : 'the whole catalog';
}

/** `paid down 12 of 30 since start, 40 % of the way`, or how it slipped. */
export function progressText(progress: InitiativeProgress): string {
  if (!progress.start || !progress.now) {
    return 'no week graded since the start yet';
  }
  const paid = `paid down ${progress.paidDown} of ${progress.missingAtStart} since start`;
  const way = progress.wayToTarget;
  if (way === null) {
    return progress.targetMet
      ? 'target met since the start'
      : `below the target again after meeting it at the start (${paid})`;
  }
  if (way < 0) {
    return `slipped: ${formatPercent(-way)} below the start (${paid})`;
  }
  return `${paid}, ${formatPercent(way)} of the way`;
}

/** The progress bar's fill, 0 to 100: a slip shows as empty. */
export function progressValue(progress: InitiativeProgress): number {
  if (progress.targetMet) return 100;
  const way = progress.wayToTarget ?? 0;
  return Math.round(Math.min(1, Math.max(0, way)) * 100);
}

/** `12 days left`, `due today`, `deadline passed 3 days ago`. */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft > 0) return `${plural(daysLeft, 'day')} left`;
  if (daysLeft === 0) return 'due today';
  return `deadline passed ${plural(-daysLeft, 'day')} ago`;
}

/** An instant as a calendar day in UTC (initiatives are dated by day): `Jun 30, 2026`. */
export function formatDay(instant: string): string {
  const time = DateTime.fromISO(instant, { zone: 'utc' });
  return time.isValid ? time.toFormat('LLL d, yyyy') : instant;
}

/** `9 of 20 (45 %)`, or that nothing was in scope. */
export function standingText(
  week: { meeting: number; entities: number; share: number | null } | null,
): string {
  if (!week) return 'no data';
  if (week.entities === 0) return 'nothing in scope';
  return `${week.meeting} of ${week.entities} (${formatPercent(week.share)})`;
}
