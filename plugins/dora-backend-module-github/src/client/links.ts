/**
 * The `next` URL of a GitHub `Link` header, e.g.
 * `<https://api.github.com/repositories/1/pulls?page=2>; rel="next", <...>; rel="last"`.
 */
export function nextPageUrl(
  link: string | null | undefined,
): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2].split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}
