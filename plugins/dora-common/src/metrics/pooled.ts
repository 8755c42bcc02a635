/**
 * The items of several lists in one new array: a team pools the samples of
 * its entities. `concat` copies in bulk; `flatMap` copied item by item and
 * cost about 10 ms per 50,000 items, several times per entity-year.
 */
export function pooled<T>(lists: readonly (readonly T[])[]): T[] {
  return ([] as T[]).concat(...lists);
}
