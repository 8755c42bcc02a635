/**
 * End-to-end: the example Backstages in Debian's Chromium, the new frontend
 * system's (`npm start`) then the legacy one (`npm run start:legacy`); E2E_APP
 * (nfs or legacy) runs one. Starts each as a newcomer does, checks that the
 * numbers shown equal what the API returns for the same window, and saves the
 * screenshots of docs/images from the new-frontend-system app.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, chromium, Page, Response } from 'playwright-core';
import { shows } from './displayed';
import { ExampleApp, selectedApps } from './apps';
import { api, APP_URL, RunningExample, startExample } from './exampleServer';

const IMAGES = path.resolve(__dirname, '../../docs/images');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

interface Metrics {
  deploymentFrequency: {
    count: number;
    deploymentDays: number;
    perDay: number;
  };
  leadTime: { sampleSize: number; median: number | null };
  changeFailureRate: { failed: number; total: number; ratio: number | null };
  timeToRestore: {
    sampleSize: number | null;
    median: number | null;
    open: number | null;
  };
  entities?: Array<{ entityRef: string }>;
}

let app: ExampleApp;
let example: RunningExample | undefined;
let browser: Browser;
let page: Page;

/**
 * Collects the metrics responses a page load makes to `pathPart`: `expected`
 * of them (a tab asks for its window and the previous one).
 */
function recordMetrics(target: Page, pathPart: string, expected = 2) {
  const seen: Response[] = [];
  const listener = (response: Response) => {
    if (response.url().includes(pathPart) && response.ok()) seen.push(response);
  };
  target.on('response', listener);
  return {
    /** The current window's response: the one whose `to` is latest (the other is the previous window). */
    async current(): Promise<{ query: string; body: Metrics }> {
      const deadline = Date.now() + 60_000;
      while (seen.length < expected && Date.now() < deadline) {
        await target.waitForTimeout(250);
      }
      target.off('response', listener);
      const latest = [...seen].sort((a, b) =>
        (new URL(b.url()).searchParams.get('to') ?? '').localeCompare(
          new URL(a.url()).searchParams.get('to') ?? '',
        ),
      )[0];
      assert.ok(latest, `no response from ${pathPart}`);
      return { query: new URL(latest.url()).search, body: await latest.json() };
    },
  };
}

/** A metric tile's value (from its accessible name, "Lead time for changes: 19.4 h, band Elite. ...") and its text. */
async function tile(title: string): Promise<{ value: string; text: string }> {
  const button = page
    .getByRole('button', { name: new RegExp(`^${title}: `) })
    .first();
  await button.waitFor();
  const label = (await button.getAttribute('aria-label')) ?? '';
  const value = label.slice(title.length + 2).split(/, (?:band |no band)/)[0];
  return { value, text: await button.innerText() };
}

/** Every tile shows the API's numbers for the same window. */
async function assertTilesShow(metrics: Metrics) {
  const df = await tile('Deployment frequency');
  assert.ok(
    shows(df.value, metrics.deploymentFrequency.perDay),
    `DF ${df.value} vs ${metrics.deploymentFrequency.perDay}/day`,
  );
  assert.match(
    df.text,
    new RegExp(
      `${metrics.deploymentFrequency.count} deployments on ${metrics.deploymentFrequency.deploymentDays} days`,
    ),
  );

  const lt = await tile('Lead time for changes');
  assert.ok(
    shows(lt.value, metrics.leadTime.median!),
    `lead time ${lt.value} vs ${metrics.leadTime.median} s`,
  );
  assert.match(
    lt.text,
    new RegExp(`Median of ${metrics.leadTime.sampleSize} changes`),
  );

  const cfr = await tile('Change failure rate');
  assert.ok(
    shows(cfr.value, metrics.changeFailureRate.ratio!),
    `CFR ${cfr.value} vs ${metrics.changeFailureRate.ratio}`,
  );
  assert.match(
    cfr.text,
    new RegExp(
      `${metrics.changeFailureRate.failed} of ${metrics.changeFailureRate.total} `,
    ),
  );

  const ttr = await tile('Time to restore service');
  assert.ok(
    shows(ttr.value, metrics.timeToRestore.median!),
    `TTR ${ttr.value} vs ${metrics.timeToRestore.median} s`,
  );
  assert.match(
    ttr.text,
    new RegExp(
      `Median of ${metrics.timeToRestore.sampleSize} incidents, ${metrics.timeToRestore.open} open`,
    ),
  );
}

/** Saves a docs/images screenshot, from the app that provides them. */
async function screenshot(name: string) {
  if (!app.screenshots) return;
  await page.waitForTimeout(1500); // let charts finish their entry animation
  await page.screenshot({ path: path.join(IMAGES, `${name}.png`) });
}

/** The sidebar (both apps list Catalog, Teams and DORA in it). */
function sidebar() {
  return page
    .getByRole('navigation')
    .filter({ has: page.getByRole('link', { name: 'Teams', exact: true }) });
}

/** The same checks on one example app (they share the ports: one at a time). */
function describeApp(exampleApp: ExampleApp) {
  describe(`the ${exampleApp.id} example Backstage in a browser`, () => {
    before(async () => {
      app = exampleApp;
      example = await startExample(app.script);
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
      });
      const context = await browser.newContext({
        viewport: { width: 1440, height: 1000 },
        timezoneId: 'UTC',
        locale: 'en-US',
      });
      page = await context.newPage();
      page.setDefaultTimeout(60_000);
    });

    after(async () => {
      await browser?.close();
      await example?.stop();
    });

    it("a service's DORA tab shows what the API returns for the same window", async () => {
      const recorded = recordMetrics(page, '/api/dora/v1/metrics?');
      await page.goto(`${APP_URL}/catalog/default/component/payments-api/dora`);
      const shown = await recorded.current();
      const fromApi = await api<Metrics>(`/v1/metrics${shown.query}`);
      assert.deepEqual(
        shown.body,
        fromApi,
        'the page got the API answer for its window',
      );
      assert.ok(
        fromApi.deploymentFrequency.count > 0,
        'the demo data reached payments-api',
      );
      await assertTilesShow(fromApi);
      await page.getByText('Working agreements').first().waitFor();
      await screenshot('dora-tab');
    });

    it('a tile opens the events behind it', async () => {
      const events = page.waitForResponse(r =>
        r.url().includes('/api/dora/v1/events?'),
      );
      await page
        .getByRole('button', { name: /^Deployment frequency: / })
        .click();
      const response = await events;
      const body = (await response.json()) as {
        items: Array<{ event: { id: string } }>;
      };
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      assert.ok(body.items.length > 0, 'the drill-down has events');
      const again = await api<typeof body>(
        `/v1/events${new URL(response.url()).search}`,
      );
      assert.deepEqual(
        body.items.map(i => i.event.id),
        again.items.map(i => i.event.id),
      );
      await dialog
        .getByText(body.items[0].event.id, { exact: true })
        .first()
        .waitFor();
      const rows = await dialog.locator('tbody tr').count();
      assert.equal(rows, body.items.length, 'one row per event of the page');
      await screenshot('drill-down');
      await page.keyboard.press('Escape');
    });

    it("a team's DORA tab pools its services and sub-teams", async () => {
      const recorded = recordMetrics(
        page,
        '/api/dora/v1/groups/default/commerce/metrics?',
      );
      await page.goto(`${APP_URL}/catalog/default/group/commerce/dora`);
      const shown = await recorded.current();
      const fromApi = await api<Metrics>(
        `/v1/groups/default/commerce/metrics${shown.query}`,
      );
      assert.deepEqual(shown.body, fromApi);
      await assertTilesShow(fromApi);
      const services = page
        .getByRole('table')
        .filter({ hasText: 'payments-api' })
        .first();
      await services.waitFor();
      for (const { entityRef } of fromApi.entities ?? []) {
        const name = entityRef.split('/').pop()!;
        await services.getByText(name, { exact: true }).first().waitFor();
      }
      assert.ok(
        (fromApi.entities ?? []).length >= 4,
        'commerce owns services through its sub-teams',
      );
      await screenshot('team-dora');
    });

    it("the sidebar's DORA item opens the DORA page, which lists the teams and the scorecards", async () => {
      await page.goto(`${APP_URL}/catalog`);
      const recorded = recordMetrics(
        page,
        '/api/dora/v1/groups/default/acme/metrics?',
        1,
      );
      // The new frontend system lists a page in the nav only if it has an icon.
      await sidebar().getByRole('link', { name: 'DORA', exact: true }).click();
      await page.waitForURL(`${APP_URL}/dora`);
      const shown = await recorded.current();
      const fromApi = await api<Metrics>(
        `/v1/groups/default/acme/metrics${shown.query}`,
      );
      const acme = page.getByRole('row').filter({ hasText: 'acme' }).first();
      await acme.waitFor();
      const rowText = (await acme.locator('td').allInnerTexts()).join(' ');
      const frequency = /\d+(?:\.\d+)?\/(?:day|week|month)/.exec(rowText);
      assert.ok(
        frequency,
        `acme's row shows a deployment frequency: ${rowText}`,
      );
      assert.ok(
        shows(frequency[0], fromApi.deploymentFrequency.perDay),
        `acme DF ${frequency[0]} vs ${fromApi.deploymentFrequency.perDay}/day`,
      );
      await page.getByText('Delivery working agreements').first().waitFor();
      await screenshot('dora-page');
      await page
        .getByRole('link', { name: /Services by result/ })
        .first()
        .click();
      await page.getByText('payments-api').first().waitFor();
      await screenshot('scorecard');
    });

    it("a service's overview shows the DORA and working-agreement cards, and its DORA tab", async () => {
      await page.goto(`${APP_URL}/catalog/default/component/cart-service`);
      await page.getByText('DORA metrics').first().waitFor();
      await page.getByText('Working agreements').first().waitFor();
      await page
        .getByText('Delivery working agreements', { exact: true })
        .first()
        .waitFor();
      for (const metric of [
        'Deployment frequency',
        'Lead time for changes',
        'Change failure rate',
        'Time to restore service',
      ]) {
        await page.getByText(metric, { exact: true }).first().waitFor();
      }
      await screenshot('overview-cards');
      await app.entityTab(page, 'DORA').click();
      await page.waitForURL(
        `${APP_URL}/catalog/default/component/cart-service/dora`,
      );
      await tile('Deployment frequency');
    });
  });
}

selectedApps().forEach(describeApp);
