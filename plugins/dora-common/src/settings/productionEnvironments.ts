import { NamePattern, firstMatch, parseNamePattern } from './namePatterns';

/**
 * Which environments count as production: `productionEnvironments` holds
 * names and patterns (`production`, `prod*`, `/^prod-[a-z]+-\d$/`).
 */

/** Decides for an environment name: the rule that made it production, or null. */
export type ProductionMatcher = (environment: string) => string | null;

const compiled = new Map<string, NamePattern[]>();

function patternsOf(rules: readonly string[]): NamePattern[] {
  const key = JSON.stringify(rules);
  let patterns = compiled.get(key);
  if (!patterns) {
    patterns = rules
      .map(rule => parseNamePattern(rule))
      .filter((p): p is NamePattern => typeof p !== 'string');
    // Settings come from config and annotations: few distinct lists.
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, patterns);
  }
  return patterns;
}

export function productionMatcher(rules: readonly string[]): ProductionMatcher {
  const patterns = patternsOf(rules);
  return environment => firstMatch(environment, patterns)?.text ?? null;
}

/** The environments among `seen` that count as production, in order. */
export function productionEnvironmentsAmong(
  rules: readonly string[],
  seen: readonly string[],
): string[] {
  const matcher = productionMatcher(rules);
  return seen.filter(environment => matcher(environment) !== null);
}

/**
 * The environment name given to merges in pull-request mode: the first
 * rule that is a plain name, else `production`.
 */
export function pullRequestModeEnvironment(rules: readonly string[]): string {
  return (
    patternsOf(rules).find(p => !/[*?]|^\/.*\/[a-z]*$/.test(p.text))?.text ??
    'production'
  );
}
