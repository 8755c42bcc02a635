/**
 * Monorepos: an entity claims paths of its repository (`dora/paths`), and a
 * change belongs to every entity whose claimed paths it touched.
 */

/** One entity of a repository and the paths it claims (null: no `dora/paths`). */
export interface RepositoryEntity {
  entityRef: string;
  paths: string[] | null;
}

/** Why a change went to the entities it went to. */
export type PathAttributionRule =
  /** No entity of the repository claims paths: the repository's entity. */
  | 'repository'
  /** The change touched these entities' claimed paths. */
  | 'paths'
  /** It touched no claimed path (or recorded none): the default entity. */
  | 'default';

export interface PathAttribution {
  /** Lower-cased refs, sorted; empty when no entity takes the change. */
  entityRefs: string[];
  rule: PathAttributionRule;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` is any number of whole directories, `**` at the end anything.
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

const trimSlashes = (path: string) => path.trim().replace(/^\.?\/+|\/+$/g, '');

/** The part of a glob before its first wildcard, without a trailing slash. */
function literalPrefix(glob: string): string {
  const wildcard = glob.search(/[*?]/);
  // A claim without a wildcard is a whole path, not a directory and a name.
  if (wildcard === -1) return trimSlashes(glob);
  const literal = glob.slice(0, wildcard);
  return trimSlashes(literal.slice(0, literal.lastIndexOf('/') + 1) || literal);
}

/**
 * Whether a claimed glob covers a path a change touched. A glob without a
 * wildcard claims that path and everything below it (`services/payments`).
 * A touched path ending in `/` is a directory (collectors record only the
 * top-level directories of a very large change): it matches a claim that
 * lies below it or that it lies below.
 */
export function claimCovers(glob: string, touched: string): boolean {
  const claim = trimSlashes(glob);
  if (!claim) return false;
  const isDirectory = touched.trim().endsWith('/');
  const path = trimSlashes(touched);
  if (!path) return false;
  if (isDirectory) {
    const prefix = literalPrefix(claim);
    return (
      prefix === path ||
      prefix.startsWith(`${path}/`) ||
      path.startsWith(`${prefix}/`) ||
      prefix === ''
    );
  }
  if (!/[*?]/.test(claim)) {
    return path === claim || path.startsWith(`${claim}/`);
  }
  return globToRegExp(claim).test(path);
}

/** Reads `dora/paths`: comma- or newline-separated globs. */
export function parseClaimedPaths(text: string | undefined): string[] | null {
  if (text === undefined) return null;
  const paths = text
    .split(/[,\n]/)
    .map(p => p.trim())
    .filter(Boolean);
  return paths.length ? paths : null;
}

/**
 * The entities a change of a repository belongs to: every entity whose
 * claimed paths the change touched; else the repository's default entity
 * (its entity without `dora/paths`), when it has exactly one. With no claim
 * in the repository at all, its entities without claims (today's rule: one
 * entity per repository; more is for the caller to refuse).
 */
export function attributeChange(
  touched: readonly string[] | null | undefined,
  entities: readonly RepositoryEntity[],
): PathAttribution {
  const sorted = (refs: string[]) =>
    [...new Set(refs.map(r => r.toLocaleLowerCase('en-US')))].sort();
  const defaults = entities.filter(e => e.paths === null);
  const claimers = entities.filter(e => e.paths !== null);
  if (claimers.length === 0) {
    return {
      entityRefs: sorted(defaults.map(e => e.entityRef)),
      rule: 'repository',
    };
  }
  const matched = claimers.filter(e =>
    (touched ?? []).some(path =>
      e.paths!.some(glob => claimCovers(glob, path)),
    ),
  );
  if (matched.length > 0) {
    return { entityRefs: sorted(matched.map(e => e.entityRef)), rule: 'paths' };
  }
  return {
    entityRefs: defaults.length === 1 ? sorted([defaults[0].entityRef]) : [],
    rule: 'default',
  };
}
