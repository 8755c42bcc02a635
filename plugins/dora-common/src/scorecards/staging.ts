import { InstantLike, instantMillis } from './instantMillis';

/*
 * Staged activation: a rule (or a whole scorecard) can be announced before
 * it counts, so teams see "counts from <date>" with their current result and
 * have time to act before it weighs on their level. Stages are computed from
 * the instant asked about, never stored, so a rule becomes active by itself.
 */

/** `draft`: not shown; `announced`: shown with its result, not counted; `active`: counted. */
export type RuleStage = 'draft' | 'announced' | 'active';

/** When a rule or a scorecard is announced and from when it counts (ISO-8601 instants). */
export interface StagedActivation {
  announceAt?: string;
  activeFrom?: string;
}

/** A rule's stage at an instant, with the instant it counts from when that is known. */
export interface RuleStageAt {
  stage: RuleStage;
  /** ISO-8601; `null` when the rule has no `activeFrom` (active from the start, or announced without a date). */
  activeFrom: string | null;
}

/** The staging of a scorecard and of its rules, by rule id. */
export interface ScorecardStaging extends StagedActivation {
  rules: Record<string, StagedActivation>;
}

const ORDER: Record<RuleStage, number> = { draft: 0, announced: 1, active: 2 };

/**
 * The stage of a rule or a scorecard at `at`. Active from `activeFrom` on
 * (or always, without dates); announced from `announceAt` until then (without
 * `activeFrom`, announced until one is set); draft before `announceAt`, or
 * before `activeFrom` when it was never announced.
 */
export function ruleStage(
  ruleOrCard: StagedActivation,
  at: InstantLike,
): RuleStage {
  const now = instantMillis(at);
  const { announceAt, activeFrom } = ruleOrCard;
  if (activeFrom !== undefined && Date.parse(activeFrom) <= now)
    return 'active';
  if (announceAt !== undefined && Date.parse(announceAt) <= now)
    return 'announced';
  if (announceAt === undefined && activeFrom === undefined) return 'active';
  return 'draft';
}

/** The less advanced of two stages: a rule of an announced scorecard is at most announced. */
export function earlierStage(a: RuleStage, b: RuleStage): RuleStage {
  return ORDER[a] <= ORDER[b] ? a : b;
}

/**
 * Every rule's stage at `at`, the scorecard's own stage capping each rule's.
 * A rule counts from the later of its own and the scorecard's `activeFrom`.
 */
export function ruleStagesAt(
  staging: ScorecardStaging,
  ruleIds: readonly string[],
  at: InstantLike,
): Record<string, RuleStageAt> {
  const cardStage = ruleStage(staging, at);
  const stages: Record<string, RuleStageAt> = {};
  for (const id of ruleIds) {
    const own = staging.rules[id] ?? {};
    const froms = [own.activeFrom, staging.activeFrom].filter(
      (f): f is string => f !== undefined,
    );
    const activeFrom = froms.length
      ? froms.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b))
      : null;
    stages[id] = {
      stage: earlierStage(cardStage, ruleStage(own, at)),
      activeFrom,
    };
  }
  return stages;
}
