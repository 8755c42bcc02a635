import type { ScorecardResultRecord } from '../api/scorecards';
import type { MetricsBody } from '../engine/computeMetrics';
import type { Band } from '../metrics/bands';
import { GradedRuleResult, levelsOf } from '../scorecards/graded';

/** The kinds of signal observed from results and metrics. */
export type ObservedSignalKind = 'ruleFailed' | 'levelLost' | 'metricBand';

/** The four DORA metrics whose band is watched. */
export const bandMetrics = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
] as const;
export type BandMetric = (typeof bandMetrics)[number];

/** Bands best first: a band's index is its rank. */
export const bandRanks: readonly Band[] = ['elite', 'high', 'medium', 'low'];

/** A rule passes (pass, warn, exempt: rank 0) or fails (rank 1). */
export const ruleRanks = ['passing', 'failing'] as const;

/** What one evaluation sees of one signal. */
export interface SignalObservation {
  /** Stable and unique: what the signal's state is stored under. */
  key: string;
  kind: ObservedSignalKind;
  /** The entity or group the signal is about, as given. */
  subjectRef: string;
  /** Rank 0 is the best; `undefined` when there is nothing to see now. */
  rank: number | undefined;
  /** What each rank is called in messages: `labels[rank]`. */
  labels: readonly string[];
  scorecardId?: string;
  ruleId?: string;
  /** A rule's title, a scorecard's id, or a metric's name. */
  title: string;
  metric?: BandMetric;
}

const ruleRank = (rule: GradedRuleResult): number | undefined => {
  if (rule.status === 'no-data') return undefined;
  return rule.status === 'fail' ? 1 : 0;
};

/**
 * Each counted rule of each result (announced rules count nowhere, so they
 * are not watched): failing or not. No data is no observation; an exempt
 * rule passes.
 */
export function ruleObservations(
  records: readonly ScorecardResultRecord[],
): SignalObservation[] {
  return records.flatMap(record =>
    record.result.rules.map(rule => ({
      key: `rule:${record.scorecardId}:${record.entityRef}:${rule.ruleId}`,
      kind: 'ruleFailed' as const,
      subjectRef: record.entityRef,
      rank: ruleRank(rule),
      labels: ruleRanks,
      scorecardId: record.scorecardId,
      ruleId: rule.ruleId,
      title: rule.title,
    })),
  );
}

/**
 * Each result's level, the highest first (rank 0) down to "no level" (the
 * last rank). A rule without data does not hold a level back here: losing a
 * level is about a rule that fails, not about data that stopped coming. With
 * no counted rule, or none with data, there is no observation.
 */
export function levelObservations(
  records: readonly ScorecardResultRecord[],
): SignalObservation[] {
  return records.map(record => {
    const names = record.result.levels.map(l => l.level);
    const labels = [...names].reverse().concat('no level');
    const known = record.result.rules.filter(r => r.status !== 'no-data');
    const { level } = levelsOf(
      names,
      record.result.rules.map(rule =>
        rule.status === 'no-data' ? { ...rule, status: 'exempt' } : rule,
      ),
    );
    return {
      key: `level:${record.scorecardId}:${record.entityRef}`,
      kind: 'levelLost',
      subjectRef: record.entityRef,
      rank:
        known.length === 0 ? undefined : labels.indexOf(level ?? 'no level'),
      labels,
      scorecardId: record.scorecardId,
      title: record.scorecardId,
    };
  });
}

/** The band of each of the four metrics of an entity's or a team's body; no band, no observation. */
export function bandObservations(
  subjectRef: string,
  body: Pick<MetricsBody, BandMetric>,
): SignalObservation[] {
  return bandMetrics.map(metric => {
    const band = body[metric].band;
    return {
      key: `band:${subjectRef.toLocaleLowerCase('en-US')}:${metric}`,
      kind: 'metricBand',
      subjectRef,
      rank: band === null ? undefined : bandRanks.indexOf(band),
      labels: bandRanks,
      metric,
      title: metric,
    };
  });
}
