/**
 * Reads a value as the DORA tab shows it ("3.8/day", "19.4 h", "3.5 %") back
 * into the API's units, with the rounding the display allows, so a test can
 * check the page against the API without reusing the page's formatter.
 */
export interface Displayed {
  /** In the API's unit: seconds, deployments per day, or a ratio. */
  value: number;
  /** Half the last shown digit, in the same unit. */
  tolerance: number;
}

const UNITS: Record<string, number> = {
  s: 1,
  min: 60,
  h: 3600,
  day: 86400,
  days: 86400,
  '/day': 1,
  '/week': 1 / 7,
  '/month': 1 / 30,
  '%': 1 / 100,
};

export function parseDisplayed(text: string): Displayed {
  const match =
    /^(-?\d+(?:\.(\d+))?)\s*(s|min|h|days?|\/day|\/week|\/month|%)$/.exec(
      text.trim(),
    );
  if (!match) throw new Error(`Not a displayed metric value: "${text}"`);
  const factor = UNITS[match[3]];
  const decimals = match[2]?.length ?? 0;
  return {
    value: Number(match[1]) * factor,
    tolerance: (0.5 / 10 ** decimals) * factor,
  };
}

/** Whether the displayed text shows `actual` (in API units), within its rounding. */
export function shows(text: string, actual: number): boolean {
  const { value, tolerance } = parseDisplayed(text);
  return Math.abs(value - actual) <= tolerance * 1.0001;
}

/**
 * Whether a tile shows the API's value: the value within its rounding, or
 * "—" where the API has none (no incident restored in the window, say).
 */
export function showsValue(text: string, actual: number | null): boolean {
  return actual === null ? text.trim() === '—' : shows(text, actual);
}
