/** Splits a list into lists of at most `size` items (statements under the databases' bound-value limits, batches of posts). */
export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
