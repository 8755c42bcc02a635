/*
 * The Movers section of a team's DORA tab, read by role and accessible name:
 * which metric and which rows (teams or services) its tables rank, and the
 * names in its "Biggest regressions" / "Biggest improvements" tables.
 */
import assert from 'node:assert/strict';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  MoverMetric,
  moverMetricDefinitions,
  moverMetrics,
  MoverRow,
  MoversResponse,
} from '@dora-metrics/plugin-dora-common';
import { Locator, Page, Response } from 'playwright-core';

export type MoverTableName = 'Biggest regressions' | 'Biggest improvements';

/** A movers table, e.g. "Biggest regressions: Deployment frequency, services". */
export function moversTable(page: Page, name: MoverTableName): Locator {
  return page.getByRole('table', { name: new RegExp(`^${name}`) }).first();
}

/** The metric and the rows a table ranks, from its accessible name; else the section's "Metric" picker. */
export async function rankedBy(
  page: Page,
  table: Locator,
): Promise<{ metric: MoverMetric; scope: 'teams' | 'services' }> {
  const label =
    (await table.getAttribute('aria-label')) ??
    (await table.evaluate(
      el =>
        el.querySelector('caption')?.textContent ??
        document.getElementById(el.getAttribute('aria-labelledby') ?? '')
          ?.textContent ??
        '',
    ));
  const scope = /\bteams\b/i.test(label) ? 'teams' : 'services';
  const byTitle = moverMetrics.find(m =>
    label.includes(moverMetricDefinitions[m].title),
  );
  if (byTitle) return { metric: byTitle, scope };
  const picker = page.getByLabel('Metric', { exact: true }).first();
  const picked = (await picker.count()) ? await picker.inputValue() : '';
  const metric = moverMetrics.find(
    m => m === picked || moverMetricDefinitions[m].title === picked,
  );
  assert.ok(
    metric,
    `which metric the movers table ranks: its name is "${label}", the Metric picker says "${picked}"`,
  );
  return { metric, scope };
}

/** Picks a metric in the section's "Metric" picker (a native select or a listbox). */
export async function pickMetric(page: Page, metric: MoverMetric) {
  const picker = page.getByLabel('Metric', { exact: true }).first();
  const title = moverMetricDefinitions[metric].title;
  const tag = await picker.evaluate(el => el.tagName.toLowerCase());
  if (tag === 'select') {
    await picker.selectOption(metric);
  } else {
    await picker.click();
    await page.getByRole('option', { name: title, exact: true }).click();
  }
}

/** The name a movers row shows: its title, else the entity's name. */
export function shownName(row: MoverRow): string {
  return row.title ?? parseEntityRef(row.ref).name;
}

/** The names in a table's body rows, top first (the first cell of each row). */
export async function rowNames(table: Locator): Promise<string[]> {
  const rows = table
    .getByRole('row')
    .filter({ hasNot: table.page().getByRole('columnheader') });
  const names: string[] = [];
  for (const row of await rows.all()) {
    const first = row.getByRole('cell').first();
    if ((await row.getByRole('cell').count()) > 1) {
      names.push((await first.innerText()).trim());
    }
  }
  return names;
}

/** The movers a response carries: `GET /v1/movers` or a team's metrics with `include=movers`. */
export async function moversOf(
  response: Response,
): Promise<MoversResponse | undefined> {
  const body = (await response.json()) as MoversResponse & {
    movers?: MoversResponse;
  };
  return body.movers ?? (Array.isArray(body.services) ? body : undefined);
}

/** Whether a response is the one that brings a team's movers. */
export function bringsMovers(response: Response, groupRef: string): boolean {
  if (!response.ok()) return false;
  const url = new URL(response.url());
  const { namespace, name } = parseEntityRef(groupRef);
  if (url.pathname.endsWith('/api/dora/v1/movers')) {
    return url.searchParams.get('groupRef')?.toLowerCase() === groupRef;
  }
  return (
    url.pathname.endsWith(`/api/dora/v1/groups/${namespace}/${name}/metrics`) &&
    (url.searchParams.get('include') ?? '').split(',').includes('movers')
  );
}
