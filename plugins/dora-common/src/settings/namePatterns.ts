/**
 * Name patterns, as the DORA settings accept them for environments, authors,
 * labels and titles: `/regex/` (flags `i` allowed), a glob with `*` (any
 * run of characters) and `?` (one character), or an exact name.
 */

export interface NamePattern {
  /** As written, e.g. `prod*` or `/^prod-[a-z]+-\d$/`. */
  text: string;
  matches(name: string): boolean;
}

const REGEX = /^\/(.+)\/([a-z]*)$/;

/** A pattern, or why the text is not one (to follow the quoted text). */
export function parseNamePattern(
  text: string,
  options: { ignoreCase?: boolean } = {},
): NamePattern | string {
  const trimmed = text.trim();
  if (!trimmed) return 'is empty';
  const regex = REGEX.exec(trimmed);
  if (regex) {
    const [, body, flags] = regex;
    if (!/^i?$/.test(flags)) {
      return `has flags "${flags}"; only i is allowed`;
    }
    try {
      const re = new RegExp(body, options.ignoreCase ? 'i' : flags);
      return { text: trimmed, matches: name => re.test(name) };
    } catch (error) {
      return `is not a regular expression (${(error as Error).message})`;
    }
  }
  if (/[*?]/.test(trimmed)) {
    const source = trimmed
      .split('')
      .map(c => {
        if (c === '*') return '.*';
        if (c === '?') return '.';
        return c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
      })
      .join('');
    const re = new RegExp(`^${source}$`, options.ignoreCase ? 'i' : '');
    return { text: trimmed, matches: name => re.test(name) };
  }
  if (options.ignoreCase) {
    const lower = trimmed.toLocaleLowerCase('en-US');
    return {
      text: trimmed,
      matches: name => name.toLocaleLowerCase('en-US') === lower,
    };
  }
  return { text: trimmed, matches: name => name === trimmed };
}

/**
 * Splits a comma-separated list of patterns, keeping commas inside a
 * `/regex/` (e.g. `/^prod-\d{1,2}$/`, or an escaped `\/`) with their pattern.
 */
export function splitPatternList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inRegex = false;
  let escaped = false;
  for (const c of text) {
    if (escaped) {
      // `\/` and `\,` inside a regex are part of it.
      escaped = false;
      current += c;
      continue;
    }
    if (c === '\\' && inRegex) escaped = true;
    if (c === '/' && (inRegex || current.trim() === '')) inRegex = !inRegex;
    if (c === ',' && !inRegex) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

/** Every pattern of a list, and the entries that are not patterns. */
export function parseNamePatterns(
  texts: readonly string[],
  options: { ignoreCase?: boolean } = {},
): { patterns: NamePattern[]; problems: string[] } {
  const patterns: NamePattern[] = [];
  const problems: string[] = [];
  for (const text of texts) {
    const parsed = parseNamePattern(text, options);
    if (typeof parsed === 'string') problems.push(`"${text}" ${parsed}`);
    else patterns.push(parsed);
  }
  return { patterns, problems };
}

/** The first pattern of the list that matches the name, or null. */
export function firstMatch(
  name: string,
  patterns: readonly NamePattern[],
): NamePattern | null {
  return patterns.find(p => p.matches(name)) ?? null;
}
