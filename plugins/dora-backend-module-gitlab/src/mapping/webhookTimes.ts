const SPACED =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) (UTC|[+-]\d{2}:?\d{2})$/;

/**
 * GitLab webhooks write times as ISO-8601 (`2026-03-02T10:07:00Z`) or as
 * `2026-03-02 10:07:00 UTC` / `2026-03-02 12:07:00 +0200`; the result is
 * ISO-8601 UTC, or undefined when the text is neither.
 */
export function webhookInstant(
  text: string | null | undefined,
): string | undefined {
  if (!text) return undefined;
  const spaced = SPACED.exec(text.trim());
  const iso = spaced
    ? `${spaced[1]}T${spaced[2]}${
        spaced[3] === 'UTC'
          ? 'Z'
          : spaced[3].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')
      }`
    : text.trim();
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
