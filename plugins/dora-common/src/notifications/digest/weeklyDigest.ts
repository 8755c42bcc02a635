import type { InitiativeEntry } from '../../api/initiatives';
import { Exemption } from '../../scorecards/exemptions';
import { DAY_MS } from '../../time/durations';
import { MetricChange } from '../../movers/metricChange';
import {
  moverMetricDefinitions,
  moverMetrics,
} from '../../movers/moverMetrics';
import { MoverRow, rankMovers } from '../../movers/movers';
import { MoversReport } from '../../movers/moversReport';
import { doraTabPath } from '../doraTabPath';
import { isoWeekStartDate } from './digestWeek';

/*
 * A team's weekly digest as one notification: what changed (levels,
 * biggest movers among its services) and what needs attention soon
 * (exemptions about to expire, initiatives). Pure: the instant is an input.
 */

/** The topic of every digest (users can mute it). */
export const WEEKLY_DIGEST_TOPIC = 'DORA weekly digest';

/** Longer sections are cut here, with how many more there are. */
export const DIGEST_SECTION_LINES = 20;

/** One entity's level of one scorecard changed (between two evaluations). */
export interface DigestLevelChange {
  entityRef: string;
  scorecardId: string;
  scorecardTitle?: string;
  /** The scorecard's levels, lowest first; a level not among them counts as none. */
  levels: string[];
  /** `null`: no level reached. */
  from: string | null;
  to: string | null;
  /** When the new level was found (epoch milliseconds). */
  at: number;
}

export interface WeeklyDigestInput {
  /** The owning group, its ref as the catalog spells it, and its display name. */
  team: { ref: string; title?: string };
  /** When the digest is made (epoch milliseconds): its week is the ISO week holding it. */
  at: number;
  /** The level changes of the team's entities over the last week. */
  levelChanges: DigestLevelChange[];
  /** The team's services, this window against the previous one. */
  movers: MoversReport;
  /** How many movers each way, per metric. */
  moversShown: number;
  /** The exemptions of the team about to expire (see `expiringExemptions`). */
  expiringExemptions: Exemption[];
  /** The initiatives that concern the team, with their progress. */
  initiatives: InitiativeEntry[];
}

/** What a notification of the digest carries. */
export interface WeeklyDigest {
  title: string;
  description: string;
  /** The team's DORA tab (an app path). */
  link: string;
  topic: string;
  /** One per team and week: a re-send in the same week replaces the first. */
  scope: string;
  /** The counts the title tells. */
  counts: { levelChanges: number; regressions: number; expiring: number };
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** `payments-api` for `component:default/payments-api`; kind and namespace only when not the usual. */
export function shortEntityRef(ref: string): string {
  const match = /^(?:([^:]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref);
  if (!match) return ref;
  const [, kind, namespace, name] = match;
  const where =
    namespace && namespace.toLowerCase() !== 'default' ? `${namespace}/` : '';
  const what =
    kind && !['component', 'group'].includes(kind.toLowerCase())
      ? `${kind}:`
      : '';
  return `${what}${where}${name}`;
}

/** Whether a level change is a gain or a loss (no level is below the lowest). */
export function levelDirection(
  change: Pick<DigestLevelChange, 'levels' | 'from' | 'to'>,
): 'up' | 'down' {
  const rank = (level: string | null) =>
    level === null ? -1 : change.levels.indexOf(level);
  return rank(change.to) > rank(change.from) ? 'up' : 'down';
}

function section(heading: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, DIGEST_SECTION_LINES);
  const more = lines.length - shown.length;
  return [heading, ...shown, ...(more > 0 ? [`… and ${more} more`] : []), ''];
}

const downFirst = (direction: 'up' | 'down') => (direction === 'down' ? 0 : 1);

/** Losses first, then gains; each oldest first. */
function levelLines(changes: DigestLevelChange[]): string[] {
  return changes
    .map(change => ({ change, direction: levelDirection(change) }))
    .sort(
      (a, b) =>
        downFirst(a.direction) - downFirst(b.direction) ||
        a.change.at - b.change.at ||
        a.change.entityRef.localeCompare(b.change.entityRef),
    )
    .map(({ change, direction }) => {
      const level = (l: string | null) => l ?? 'no level';
      return `- ${shortEntityRef(change.entityRef)}, ${
        change.scorecardTitle ?? change.scorecardId
      }: ${level(change.from)} → ${level(change.to)} (${
        direction === 'down' ? 'lost' : 'gained'
      }, ${day(change.at)})`;
    });
}

function changeText(change: MetricChange): string {
  const value = change.change ?? 0;
  let sign = '';
  if (value > 0) sign = '+';
  if (value < 0) sign = '−';
  const size = Math.abs(value);
  const rounded = size >= 10 ? Math.round(size) : Math.round(size * 10) / 10;
  return `${sign}${rounded} ${change.unit === 'points' ? 'pts' : '%'}`;
}

/** Per metric with any ranked mover: the worst and the best services, biggest first; small samples never. */
function moverLines(
  report: MoversReport,
  shown: number,
): { lines: string[]; regressions: number } {
  let regressions = 0;
  const lines: string[] = [];
  const row = (metric: (typeof moverMetrics)[number]) => (r: MoverRow) =>
    `${r.title ?? shortEntityRef(r.ref)} ${changeText(r.changes[metric])}`;
  for (const metric of moverMetrics) {
    const ranking = rankMovers(report.services, metric);
    regressions += ranking.regressions.length;
    const worse = ranking.regressions.slice(0, shown).map(row(metric));
    const better = ranking.improvements.slice(0, shown).map(row(metric));
    if (worse.length === 0 && better.length === 0) continue;
    const parts = [
      ...(worse.length ? [`worse: ${worse.join(', ')}`] : []),
      ...(better.length ? [`better: ${better.join(', ')}`] : []),
    ];
    lines.push(
      `- ${moverMetricDefinitions[metric].title}: ${parts.join('; ')}`,
    );
  }
  return { lines, regressions };
}

function exemptionLines(exemptions: Exemption[], at: number): string[] {
  return exemptions.map(e => {
    const expires = Date.parse(e.expiresAt!);
    const days = Math.max(0, Math.ceil((expires - at) / DAY_MS));
    const scope =
      e.scope.kind === 'entity'
        ? shortEntityRef(e.scope.entityRef)
        : `every service of ${shortEntityRef(e.scope.groupRef)}`;
    return `- ${scope}, ${e.scorecardId} / ${e.ruleId}: expires ${day(
      expires,
    )} (in ${plural(days, 'day')})`;
  });
}

function initiativeLines(entries: InitiativeEntry[]): string[] {
  return entries.map(({ initiative, progress, team }) => {
    const { target } = initiative;
    const goal =
      'level' in target
        ? `${target.scorecardId} ${target.level}`
        : `${target.scorecardId} / ${target.ruleId}`;
    const now = progress.now;
    const standing =
      now && now.share !== null
        ? `${now.meeting} of ${now.entities} at ${goal} (${percent(
            now.share,
          )}, target ${percent(progress.targetShare)})`
        : `no data yet (target ${percent(progress.targetShare)} at ${goal})`;
    const parts = [
      standing,
      ...(progress.targetMet ? ['target met'] : []),
      ...(progress.missingAtStart > 0
        ? [
            `paid down ${progress.paidDown} of ${progress.missingAtStart} since the start`,
          ]
        : []),
      progress.daysLeft >= 0
        ? `${plural(progress.daysLeft, 'day')} left`
        : `deadline passed ${plural(-progress.daysLeft, 'day')} ago`,
      ...(team ? [`yours: ${team.meeting} of ${team.entities} meet it`] : []),
    ];
    return `- ${initiative.title}: ${parts.join('; ')}`;
  });
}

/** The team's digest notification. */
export function weeklyDigest(input: WeeklyDigestInput): WeeklyDigest {
  const week = isoWeekStartDate(input.at);
  const teamName = input.team.title ?? shortEntityRef(input.team.ref);
  const levels = levelLines(input.levelChanges);
  const movers = moverLines(input.movers, input.moversShown);
  const counts = {
    levelChanges: input.levelChanges.length,
    regressions: movers.regressions,
    expiring: input.expiringExemptions.length,
  };
  const summary = [
    ...(counts.levelChanges
      ? [plural(counts.levelChanges, 'level change')]
      : []),
    ...(counts.regressions ? [plural(counts.regressions, 'regression')] : []),
    ...(counts.expiring
      ? [`${plural(counts.expiring, 'exemption')} expiring`]
      : []),
  ];
  const nothingChanged = levels.length === 0 && movers.lines.length === 0;
  const { window, previousWindow } = input.movers;
  const description = [
    `Week of ${week}.`,
    '',
    ...(nothingChanged
      ? ['No changes: no level changed and no service moved.', '']
      : []),
    ...section('Level changes this week:', levels),
    ...section(
      `Biggest movers (${day(Date.parse(window.from))} to ${day(
        Date.parse(window.to),
      )} against ${day(Date.parse(previousWindow.from))} to ${day(
        Date.parse(previousWindow.to),
      )}):`,
      movers.lines,
    ),
    ...section(
      'Exemptions about to expire:',
      exemptionLines(input.expiringExemptions, input.at),
    ),
    ...section('Initiatives:', initiativeLines(input.initiatives)),
  ]
    .join('\n')
    .trimEnd();
  return {
    title: `DORA weekly: ${teamName} — ${summary.join(', ') || 'no changes'}`,
    description,
    link: doraTabPath(input.team.ref),
    topic: WEEKLY_DIGEST_TOPIC,
    scope: `dora-weekly-digest:${input.team.ref.toLocaleLowerCase(
      'en-US',
    )}:${week}`,
    counts,
  };
}
