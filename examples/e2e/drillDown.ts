import assert from 'node:assert/strict';
import { Page } from 'playwright-core';

/** The totals a drill-down page carries (GET /v1/events with a kind). */
export interface DrillDownTotals {
  events: number;
  counted: number;
  failed: number | null;
  inChangeFailureRate: number | null;
}

export interface OpenedDrillDown {
  totals: DrillDownTotals;
  /** The events request's query, as the page sent it. */
  query: URLSearchParams;
}

/** Clicks a metric tile and reads the drill-down it opens, from the network log. */
export async function openDrillDown(
  page: Page,
  tileTitle: string,
): Promise<OpenedDrillDown> {
  const response = page.waitForResponse(
    r => r.url().includes('/api/dora/v1/events?') && r.ok(),
  );
  await page
    .getByRole('button', { name: new RegExp(`^${tileTitle}: `) })
    .first()
    .click();
  const answered = await response;
  const body = (await answered.json()) as { totals?: DrillDownTotals };
  assert.ok(body.totals, `the ${tileTitle} drill-down carries its totals`);
  await page.getByRole('dialog').waitFor();
  return {
    totals: body.totals,
    query: new URL(answered.url()).searchParams,
  };
}

/** Closes the open drill-down dialog. */
export async function closeDrillDown(page: Page) {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}
