import { toMillis } from '../mapping/instants';

/**
 * The items of a newest-first paged list down to the first one older than
 * `since`. Paging stops there: leaving the loop ends the page generator.
 */
export async function listSince<T>(
  pages: AsyncIterable<T[]>,
  instantOf: (item: T) => string,
  since: string,
): Promise<T[]> {
  const sinceMs = toMillis(since);
  const items: T[] = [];
  for await (const page of pages) {
    const older = page.findIndex(item => toMillis(instantOf(item)) < sinceMs);
    items.push(...(older < 0 ? page : page.slice(0, older)));
    if (older >= 0) break;
  }
  return items;
}
