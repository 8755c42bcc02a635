import { NamePattern, firstMatch, parseNamePatterns } from './namePatterns';

/**
 * Which changes are left out of lead time, the pull-request metrics and the
 * working agreements (bots and automation). Patterns as in namePatterns:
 * exact, glob (`*-bot`) or `/regex/`.
 */
export interface ExclusionRules {
  /** Author logins (case-insensitive), e.g. `dependabot[bot]`, `*-bot`. */
  authors: string[];
  /** Labels (case-insensitive), e.g. `dependencies`. */
  labels: string[];
  /** Title patterns, e.g. `/^chore\(deps\)/`. */
  titles: string[];
  /** Whether changes whose source says their author is a bot are left out. */
  bots: boolean;
}

/** What happens to a deployment that shipped only excluded changes. */
export type ExcludedDeployments = 'count' | 'skip';

export const NO_EXCLUSIONS: ExclusionRules = {
  authors: [],
  labels: [],
  titles: [],
  bots: false,
};

/** The fields of a change that exclusion rules read. */
export interface ExcludableChange {
  author?: string | null;
  authorKind?: 'bot' | 'human' | null;
  labels?: readonly string[] | null;
  title?: string | null;
}

export interface CompiledExclusions {
  authors: NamePattern[];
  labels: NamePattern[];
  titles: NamePattern[];
  bots: boolean;
}

/** Compiles the rules; patterns that do not parse are reported and left out. */
export function compileExclusions(rules: ExclusionRules | undefined): {
  compiled: CompiledExclusions;
  problems: string[];
} {
  const r = rules ?? NO_EXCLUSIONS;
  const authors = parseNamePatterns(r.authors, { ignoreCase: true });
  const labels = parseNamePatterns(r.labels, { ignoreCase: true });
  const titles = parseNamePatterns(r.titles);
  return {
    compiled: {
      authors: authors.patterns,
      labels: labels.patterns,
      titles: titles.patterns,
      bots: r.bots,
    },
    problems: [...authors.problems, ...labels.problems, ...titles.problems],
  };
}

/**
 * Why a change is excluded (`bot author dependabot[bot]`, `label
 * dependencies`, `title matches /^chore\(deps\)/`), or null when it counts.
 */
export function exclusionReason(
  change: ExcludableChange,
  rules: CompiledExclusions,
): string | null {
  const author = change.author ?? null;
  if (author !== null) {
    if (firstMatch(author, rules.authors)) return `bot author ${author}`;
    if (rules.bots && change.authorKind === 'bot') {
      return `bot author ${author}`;
    }
  } else if (rules.bots && change.authorKind === 'bot') {
    return 'bot author';
  }
  for (const label of change.labels ?? []) {
    if (firstMatch(label, rules.labels)) return `label ${label}`;
  }
  const title = change.title ?? null;
  if (title !== null) {
    const pattern = firstMatch(title, rules.titles);
    if (pattern) return `title matches ${pattern.text}`;
  }
  return null;
}
