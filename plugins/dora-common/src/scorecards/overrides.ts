import { findScorecardMetric, ScorecardMetric } from './scorecardMetrics';
import { formatThreshold, parseThreshold } from './thresholds';
import {
  ParsedScorecard,
  ParsedScorecardRule,
  ScorecardOperator,
} from './types';

/*
 * Threshold overrides, read from catalog annotations.
 *
 *   metadata:
 *     annotations:
 *       dora-scorecards/<scorecardId>.<ruleId>: 12h
 *       dora-scorecards/<scorecardId>.<ruleId>.warn: 24h
 *
 * The value is a threshold written like the scorecard's own (`24h`, `15%`,
 * `400`, `1/week`), `.warn` its warn threshold (same operator, looser).
 *
 * - On a Group, the override applies to the services the group owns and to
 *   those of every descendant team. On any other entity, it applies to that
 *   entity only.
 * - Precedence: the entity's own annotation, then the nearest group up the
 *   tree (the owner group, then its parent, ...), then the scorecard.
 * - The threshold and its warn come from one place: the first source that
 *   sets a readable threshold gives both, and without a `.warn` there it
 *   has no warn (the scorecard's warn is not mixed into a group's threshold).
 *   A `.warn` without a threshold next to it is reported and ignored.
 * - An override that cannot be read (or a warn that is not looser than its
 *   threshold) is reported and ignored: resolution falls through to the next
 *   source, and an evaluation never fails on a bad annotation.
 *
 * Annotation key names are at most 63 characters after the slash, so
 * `parseScorecard` refuses a scorecard whose `<scorecardId>.<ruleId>.warn`
 * would be longer.
 */

export const SCORECARD_ANNOTATION_PREFIX = 'dora-scorecards/';

/** The annotation that overrides a rule's threshold (or, with `warn`, its warn threshold). */
export function scorecardOverrideAnnotation(
  scorecardId: string,
  ruleId: string,
  which: 'threshold' | 'warn' = 'threshold',
): string {
  const key = `${SCORECARD_ANNOTATION_PREFIX}${scorecardId}.${ruleId}`;
  return which === 'warn' ? `${key}.warn` : key;
}

/** Where the threshold in force came from. */
export type ThresholdSource =
  | { kind: 'scorecard' }
  | { kind: 'entity'; entityRef: string }
  | { kind: 'group'; groupRef: string };

/** The threshold and warn threshold in force for one rule and one entity. */
export interface ResolvedThreshold {
  threshold: number;
  warn: number | null;
  source: ThresholdSource;
  /** Overrides that were ignored, and why. */
  problems: string[];
}

/** A group above an entity and its annotations, nearest (the owner) first. */
export interface OwnerChainLink {
  groupRef: string;
  annotations?: Record<string, string>;
}

export interface ResolveThresholdOptions {
  scorecard: ParsedScorecard;
  rule: ParsedScorecardRule;
  entityRef: string;
  entityAnnotations?: Record<string, string>;
  /** The owner group, then its parent, and so on. */
  ownerChain: OwnerChainLink[];
}

/** Whether `warn` is looser than `threshold` under the operator. */
export function isLooser(
  operator: ScorecardOperator,
  threshold: number,
  warn: number,
): boolean {
  return operator === '<' || operator === '<='
    ? warn > threshold
    : warn < threshold;
}

interface Candidate {
  source: ThresholdSource;
  label: string;
  annotations: Record<string, string>;
}

function readOverride(
  candidate: Candidate,
  rule: ParsedScorecardRule,
  metric: ScorecardMetric,
  thresholdKey: string,
  warnKey: string,
  problems: string[],
): { threshold: number; warn: number | null } | undefined {
  const text = candidate.annotations[thresholdKey];
  const warnText = candidate.annotations[warnKey];
  if (text === undefined) {
    if (warnText !== undefined) {
      problems.push(
        `${warnKey} on ${candidate.label} is ignored: it needs ${thresholdKey} next to it`,
      );
    }
    return undefined;
  }
  const threshold = parseThreshold(text, metric);
  if (typeof threshold === 'string') {
    problems.push(
      `${thresholdKey} on ${candidate.label}: ${threshold}; ignored`,
    );
    return undefined;
  }
  if (warnText === undefined) return { threshold, warn: null };
  const warn = parseThreshold(warnText, metric);
  if (typeof warn === 'string') {
    problems.push(`${warnKey} on ${candidate.label}: ${warn}; ignored`);
    return { threshold, warn: null };
  }
  if (!isLooser(rule.operator, threshold, warn)) {
    problems.push(
      `${warnKey} on ${candidate.label}: ${formatThreshold(warn, metric)} is not looser than the threshold ${formatThreshold(threshold, metric)} for ${rule.operator}; ignored`,
    );
    return { threshold, warn: null };
  }
  return { threshold, warn };
}

/**
 * The threshold in force for one rule of a scorecard on one entity: the
 * entity's override, else the nearest group's, else the scorecard's.
 */
export function resolveThreshold(
  options: ResolveThresholdOptions,
): ResolvedThreshold {
  const { scorecard, rule, entityRef, entityAnnotations, ownerChain } = options;
  const problems: string[] = [];
  const metric = findScorecardMetric(rule.metric);
  const fallback: ResolvedThreshold = {
    threshold: rule.threshold,
    warn: rule.warn,
    source: { kind: 'scorecard' },
    problems,
  };
  if (!metric) return fallback;
  const thresholdKey = scorecardOverrideAnnotation(scorecard.id, rule.id);
  const warnKey = scorecardOverrideAnnotation(scorecard.id, rule.id, 'warn');
  const candidates: Candidate[] = [
    {
      source: { kind: 'entity', entityRef },
      label: entityRef,
      annotations: entityAnnotations ?? {},
    },
    ...ownerChain.map(link => ({
      source: { kind: 'group' as const, groupRef: link.groupRef },
      label: link.groupRef,
      annotations: link.annotations ?? {},
    })),
  ];
  for (const candidate of candidates) {
    const found = readOverride(
      candidate,
      rule,
      metric,
      thresholdKey,
      warnKey,
      problems,
    );
    if (found) return { ...found, source: candidate.source, problems };
  }
  return fallback;
}

/** Resolves every rule of a scorecard for one entity, by rule id. */
export function resolveThresholds(
  options: Omit<ResolveThresholdOptions, 'rule'>,
): Record<string, ResolvedThreshold> {
  const resolved: Record<string, ResolvedThreshold> = {};
  for (const rule of options.scorecard.rules) {
    resolved[rule.id] = resolveThreshold({ ...options, rule });
  }
  return resolved;
}
