/** A team with the catalog fields that place it in the tree. */
export interface TreeTeam {
  id: string;
  title: string;
  parentId?: string;
}

/**
 * Orders teams as the catalog tree reads, depth first and by title within a
 * parent, so every sub-team sits under its parent. Teams whose parent is not
 * in the list start their own tree.
 */
export function orderByTree<T extends TreeTeam>(
  teams: T[],
): Array<T & { depth: number }> {
  const ids = new Set(teams.map(t => t.id));
  const children = new Map<string | undefined, T[]>();
  for (const team of teams) {
    const parent =
      team.parentId && ids.has(team.parentId) ? team.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), team]);
  }
  const ordered: Array<T & { depth: number }> = [];
  const visit = (parent: string | undefined, depth: number) => {
    const level = [...(children.get(parent) ?? [])].sort((a, b) =>
      a.title.localeCompare(b.title),
    );
    for (const team of level) {
      ordered.push({ ...team, depth });
      visit(team.id, depth + 1);
    }
  };
  visit(undefined, 0);
  return ordered;
}
