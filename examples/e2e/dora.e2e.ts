/**
 * End-to-end: the example Backstages in Debian's Chromium, the new frontend
 * system's (`npm start`) then the legacy one (`npm run start:legacy`); E2E_APP
 * (nfs or legacy) runs one. Starts each as a newcomer does, checks that the
 * numbers shown equal what the API returns for the same window, and saves the
 * screenshots of docs/images from the new-frontend-system app.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  moverMetrics,
  parseCsvRecords,
  MoversResponse,
  rankMovers,
} from '@dora-metrics/plugin-dora-common';
import { Browser, chromium, Page, Response } from 'playwright-core';
import { shows, showsValue } from './displayed';
import { closeDrillDown, openDrillDown } from './drillDown';
import {
  bringsMovers,
  moversOf,
  moversTable,
  pickMetric,
  rankedBy,
  rowNames,
  shownName,
} from './movers';
import { recordDoraRequests } from './network';
import {
  evaluateSignals,
  guestDoraNotifications,
  guestUnreadCount,
  regressChangeFailureRate,
} from './notifications';
import { ExampleApp, selectedApps } from './apps';
import {
  api,
  apiPost,
  APP_URL,
  RunningExample,
  startExample,
} from './exampleServer';
import {
  dayFromNow,
  evaluateNow,
  resultsOf,
  reviewsDraft,
  ruleOf,
  serviceMissingARule,
  typeDraft,
} from './workingAgreements';

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

/** "1 incident", "2 incidents": the tiles' wording. */
const counted = (n: number, noun: string) =>
  `${n} ${noun}${n === 1 ? '' : 's'}`;

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

/** A metric tile's value (from its accessible name, "Lead time for changes: 19.4 h, band Elite. ..." or "..., not rated. ...") and its text. */
async function tile(title: string): Promise<{ value: string; text: string }> {
  const button = page
    .getByRole('button', { name: new RegExp(`^${title}: `) })
    .first();
  await button.waitFor();
  const label = (await button.getAttribute('aria-label')) ?? '';
  const value = label
    .slice(title.length + 2)
    .split(/, (?:band |no band|not rated)/)[0];
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
    showsValue(lt.value, metrics.leadTime.median),
    `lead time ${lt.value} vs ${metrics.leadTime.median} s`,
  );
  assert.match(
    lt.text,
    new RegExp(`Median of ${counted(metrics.leadTime.sampleSize, 'change')}`),
  );

  const cfr = await tile('Change failure rate');
  assert.ok(
    showsValue(cfr.value, metrics.changeFailureRate.ratio),
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
    showsValue(ttr.value, metrics.timeToRestore.median),
    `TTR ${ttr.value} vs ${metrics.timeToRestore.median} s`,
  );
  assert.match(
    ttr.text,
    new RegExp(
      `Median of ${counted(
        metrics.timeToRestore.sampleSize ?? 0,
        'incident',
      )}, ${metrics.timeToRestore.open} open`,
    ),
  );
}

/**
 * Each tile's drill-down opens on the events behind its number: their totals
 * equal the number the API (and so the tile, checked by assertTilesShow) gives.
 */
async function assertDrillDownsAgree(metrics: Metrics, what: string) {
  const df = await openDrillDown(page, 'Deployment frequency');
  assert.equal(df.query.get('show'), 'counted');
  assert.equal(
    df.totals.counted,
    metrics.deploymentFrequency.count,
    `${what}: deployments counted in the drill-down vs the tile`,
  );
  await closeDrillDown(page);

  const cfr = await openDrillDown(page, 'Change failure rate');
  assert.equal(cfr.query.get('show'), 'failed');
  assert.equal(
    cfr.totals.failed,
    metrics.changeFailureRate.failed,
    `${what}: failed changes in the drill-down vs the tile`,
  );
  assert.equal(
    cfr.totals.inChangeFailureRate,
    metrics.changeFailureRate.total,
    `${what}: the change failure rate's total in the drill-down vs the tile`,
  );
  await closeDrillDown(page);

  const lt = await openDrillDown(page, 'Lead time for changes');
  assert.equal(
    lt.totals.counted,
    metrics.leadTime.sampleSize,
    `${what}: changes behind the lead time vs the tile`,
  );
  await closeDrillDown(page);

  if (metrics.timeToRestore.sampleSize !== null) {
    const ttr = await openDrillDown(page, 'Time to restore service');
    assert.equal(
      ttr.totals.counted,
      metrics.timeToRestore.sampleSize,
      `${what}: incidents behind the time to restore vs the tile`,
    );
    await closeDrillDown(page);
  }
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

    for (const [name, measuredFrom] of [
      ['payments-api', 'deployments'],
      ['checkout-web', 'pull-request merges'],
      ['ingress-gateway', 'pipeline runs'],
    ]) {
      it(`${name}'s drill-downs total what its tiles show (measured from ${measuredFrom})`, async () => {
        const recorded = recordMetrics(page, '/api/dora/v1/metrics?');
        await page.goto(`${APP_URL}/catalog/default/component/${name}/dora`);
        const shown = await recorded.current();
        await assertTilesShow(shown.body);
        await assertDrillDownsAgree(shown.body, name);
      });
    }

    it('a reload or a shared link shows the same view: window, timezone, the open drill-down and its filter', async () => {
      await page.goto(
        `${APP_URL}/catalog/default/component/payments-api/dora?window=90d&tz=Asia%2FTokyo`,
      );
      const opened = await openDrillDown(page, 'Change failure rate');
      assert.equal(opened.query.get('timezone'), 'Asia/Tokyo');
      const days =
        (Date.parse(opened.query.get('to')!) -
          Date.parse(opened.query.get('from')!)) /
        86_400_000;
      assert.equal(Math.round(days), 90, 'the drill-down covers 90 days');
      const shared = page.url();
      assert.match(shared, /show=failed/, 'the filter is in the URL');

      const reopened = page.waitForResponse(
        r => r.url().includes('/api/dora/v1/events?') && r.ok(),
      );
      await page.goto(shared);
      // The same list, on the same preset window: "the last 90 days" ends at
      // the reload, so only from and to move.
      const again = new URL((await reopened).url()).searchParams;
      const withoutInstants = (params: URLSearchParams) => {
        const copy = new URLSearchParams(params);
        copy.delete('from');
        copy.delete('to');
        return copy.toString();
      };
      assert.equal(withoutInstants(again), withoutInstants(opened.query));
      await page.getByRole('dialog').waitFor();
      await page.getByText('Times in Asia/Tokyo').first().waitFor();
      assert.equal(await page.locator('#dora-window').inputValue(), '90');
      await closeDrillDown(page);
    });

    it('a team tab asks the backend at most 4 times, and a window change only for what depends on it', async () => {
      const onLoad = recordDoraRequests(page);
      await page.goto(`${APP_URL}/catalog/default/group/commerce/dora`);
      await tile('Deployment frequency');
      const loaded = await onLoad.settled();
      assert.ok(loaded.length <= 4, `on load: ${loaded.join(', ')}`);

      const onChange = recordDoraRequests(page);
      await page.locator('#dora-window').selectOption('90');
      const changed = await onChange.settled();
      assert.ok(
        changed.length <= 1,
        `on a window change: ${changed.join(', ')}`,
      );
    });

    it("a team's DORA tab pools its services and sub-teams", async () => {
      // The team's body carries the previous window: one request.
      const recorded = recordMetrics(
        page,
        '/api/dora/v1/groups/default/commerce/metrics?',
        1,
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
      await assertDrillDownsAgree(fromApi, 'commerce');
    });

    it("the sidebar's DORA item opens the DORA page, which lists the teams and the scorecards", async () => {
      await page.goto(`${APP_URL}/catalog`);
      // Every team's pooled row comes in one request.
      const recorded = recordMetrics(page, '/api/dora/v1/groups/metrics?', 1);
      const requests = recordDoraRequests(page);
      // The new frontend system lists a page in the nav only if it has an icon.
      await sidebar().getByRole('link', { name: 'DORA', exact: true }).click();
      await page.waitForURL(`${APP_URL}/dora`);
      // Off the sidebar: the legacy app's "My teams" submenu (the guest has
      // teams) opens on hover and would cover the page's links.
      await page.mouse.move(1000, 500);
      const shown = await recorded.current();
      const teams = await api<{ items: Array<Metrics & { groupRef: string }> }>(
        `/v1/groups/metrics${shown.query}`,
      );
      const fromApi = teams.items.find(
        team => team.groupRef.toLowerCase() === 'group:default/acme',
      );
      assert.ok(fromApi, 'the DORA page asked for acme');
      const acme = page.getByRole('row').filter({ hasText: /acme/i }).first();
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
      const asked = await requests.settled();
      assert.ok(asked.length <= 4, `the DORA page asked: ${asked.join(', ')}`);
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

    it("the guest is the catalog's user:default/guest and owns its teams' services", async () => {
      await page.goto(
        `${APP_URL}/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=owned`,
      );
      const table = page.getByRole('table').first();
      await table.getByRole('link', { name: 'payments-api' }).first().waitFor();
      assert.equal(
        await table.getByRole('link', { name: 'cart-service' }).count(),
        0,
        "checkout-team's cart-service is not the guest's",
      );
    });

    it('a platform engineer writes a rule, previews it and saves it to count later; an owner asks for an exemption, a manager approves it; an initiative shows its progress (issue 16)', async () => {
      // 1. Write a rule in the editor, announced today, counting in 30 days.
      const id = `e2e-lead-time-${app.id}`;
      const draft = reviewsDraft(id, dayFromNow(0), dayFromNow(30));
      await page.goto(`${APP_URL}/dora`);
      await page.getByRole('button', { name: 'New scorecard' }).click();
      await typeDraft(page, draft);

      // 2. Preview it: the weeks shown are the API's preview of the same draft.
      await page
        .getByRole('button', { name: 'Preview (last 12 weeks)' })
        .click();
      const preview = page.getByTestId('scorecard-preview');
      const weeksTable = preview.getByRole('table', {
        name: 'Preview per week',
      });
      await weeksTable.waitFor();
      const fromApi = await apiPost<{
        weeks: Array<{ entities: number }>;
      }>('/v1/scorecards/preview', { scorecard: draft });
      assert.equal(fromApi.weeks.length, 12, 'the API previews 12 weeks');
      assert.equal(
        await weeksTable.locator('tbody tr').count(),
        fromApi.weeks.length,
        'the editor shows a row per previewed week',
      );
      const latestRow = await weeksTable.locator('tbody tr').last().innerText();
      assert.match(
        latestRow,
        new RegExp(`\\b${fromApi.weeks[11].entities}\\b`),
        `the latest week grades as many entities as the API says: ${latestRow}`,
      );
      await weeksTable.scrollIntoViewIfNeeded();
      await screenshot('scorecard-preview');

      // 3. Save it: stored as typed, with the date it counts from.
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL(`${APP_URL}/dora/scorecards/${id}`);
      const saved = await api<{
        version: number;
        scorecard: typeof draft;
      }>(`/v1/scorecards/${id}`);
      assert.equal(saved.version, 1);
      assert.equal(
        Date.parse(saved.scorecard.rules[0].activeFrom),
        Date.parse(draft.rules[0].activeFrom),
        'the rule counts from the day typed',
      );
      await page
        .getByTestId('scorecard-changes')
        .getByText('created')
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await page.getByTestId('scorecard-editor').waitFor();
      await screenshot('scorecard-editor');
      await page.getByRole('button', { name: 'Cancel' }).click();
      // Announced, not counted: every result lists it apart, and with nothing counted yet no one is at a level.
      await evaluateNow(id);
      const graded = await resultsOf(id);
      assert.ok(graded.length > 0, 'the new scorecard grades services');
      for (const record of graded) {
        assert.deepEqual(
          record.result.announced.map(r => r.ruleId),
          ['lead-time'],
          `${record.entityRef}: the rule is announced`,
        );
        assert.equal(
          record.level,
          null,
          'with its only rule announced, nothing counts yet: no level',
        );
      }

      // 4. An owner asks for an exemption from a rule their service misses.
      const { entityRef, name, rule } = await serviceMissingARule(
        'delivery',
        'component:default/payments-api',
      );
      await page.goto(`${APP_URL}/catalog/default/component/${name}/dora`);
      await page
        .getByRole('button', { name: `Request exemption: ${rule.title}` })
        .first()
        .click();
      const request = page.getByRole('dialog');
      await request
        .getByLabel(/Reason/)
        .fill('Generated code, agreed with the platform team');
      await request.getByRole('button', { name: 'Send request' }).click();
      await page.getByText('Exemption requested (pending)').first().waitFor();

      // 5. A manager approves it on the scorecard's page; the result is exempt.
      await page.goto(`${APP_URL}/dora/scorecards/delivery`);
      await page
        .getByRole('button', {
          name: `Approve: ${rule.title}, Service ${name}`,
        })
        .click();
      await page
        .getByRole('dialog', { name: 'Approve the exemption?' })
        .getByRole('button', { name: 'Approve', exact: true })
        .click();
      await page
        .getByRole('button', { name: `Revoke: ${rule.title}, Service ${name}` })
        .waitFor();
      await screenshot('exemptions');
      const exempt = await ruleOf('delivery', entityRef, rule.ruleId);
      assert.equal(
        exempt?.status,
        'exempt',
        'the API answers the rule as exempt',
      );
      await page.goto(`${APP_URL}/catalog/default/component/${name}/dora`);
      await page
        .getByText(/^Exempt: Generated code, agreed with the platform team/)
        .first()
        .waitFor();

      // 6. The demo initiative's page shows the progress the API computes.
      await page.goto(`${APP_URL}/dora`);
      await page.getByRole('heading', { name: 'Initiatives' }).waitFor();
      await page
        .getByRole('link', { name: "Half of commerce's services at gold" })
        .first()
        .click();
      await page.waitForURL(`${APP_URL}/dora/initiatives/commerce-gold`);
      const initiative = await api<{
        progress: { paidDown: number; missingAtStart: number };
      }>('/v1/initiatives/commerce-gold');
      const { paidDown, missingAtStart } = initiative.progress;
      await page
        .getByRole('region', { name: 'Progress' })
        .getByText(
          `${paidDown} of ${missingAtStart} that missed it at the start`,
        )
        .waitFor();
      await page.getByRole('region', { name: 'Week by week' }).waitFor();
      await screenshot('initiative');
    });

    it("a team's DORA tab ranks its movers: the biggest regressions are the API's ranking for the metric picked (issue 17)", async () => {
      const groupRef = 'group:default/commerce';
      const brought = page
        .waitForResponse(r => bringsMovers(r, groupRef))
        .catch(() => undefined);
      await page.goto(`${APP_URL}/catalog/default/group/commerce/dora`);
      await tile('Deployment frequency');
      const regressions = moversTable(page, 'Biggest regressions');
      await regressions.waitFor().catch(() => {
        throw new Error(
          'The team tab has no "Biggest regressions" table: the Movers section (issue 17) is missing',
        );
      });
      const response = await brought;
      assert.ok(
        response,
        'the team tab asked for its movers (GET /v1/movers?groupRef= or include=movers)',
      );
      const shown = await moversOf(response);
      const { pathname, search } = new URL(response.url());
      const again = await api<MoversResponse & { movers?: MoversResponse }>(
        `${pathname.replace('/api/dora', '')}${search}`,
      );
      const fromApi = again.movers ?? again;
      assert.deepEqual(
        shown,
        fromApi,
        'the tab got the API answer for its window',
      );

      let { metric, scope } = await rankedBy(page, regressions);
      if (rankMovers(fromApi[scope], metric).regressions.length === 0) {
        // Nothing regressed on what is shown first: pick what has, the
        // same rows first, else the other rows (teams or services).
        const scopes = [
          scope,
          scope === 'teams' ? 'services' : 'teams',
        ] as const;
        const wanted = scopes
          .flatMap(s => moverMetrics.map(m => ({ scope: s, metric: m })))
          .find(
            c => rankMovers(fromApi[c.scope], c.metric).regressions.length > 0,
          );
        assert.ok(wanted, 'some team or service regressed on some metric');
        if (wanted.scope !== scope) {
          await page
            .getByRole('button', {
              name: wanted.scope === 'teams' ? 'Teams' : 'Services',
              exact: true,
            })
            .click();
        }
        await pickMetric(page, wanted.metric);
        const picked = Date.now() + 30_000;
        while (
          (metric !== wanted.metric || scope !== wanted.scope) &&
          Date.now() < picked
        ) {
          await page.waitForTimeout(250);
          ({ metric, scope } = await rankedBy(page, regressions));
        }
        assert.deepEqual(
          { metric, scope },
          wanted,
          'the movers table ranks what was picked',
        );
      }
      const ranking = rankMovers(fromApi[scope], metric);
      const expected = ranking.regressions.map(shownName);
      const deadline = Date.now() + 30_000;
      let names = await rowNames(regressions);
      while (names[0] !== expected[0] && Date.now() < deadline) {
        await page.waitForTimeout(250);
        names = await rowNames(regressions);
      }
      assert.equal(
        names[0],
        expected[0],
        `the biggest ${metric} regression among the ${scope}`,
      );
      assert.deepEqual(
        names,
        expected.slice(0, names.length),
        'the regressions in the API ranking order',
      );
      const improvements = await rowNames(
        moversTable(page, 'Biggest improvements'),
      );
      assert.deepEqual(
        improvements,
        ranking.improvements.map(shownName).slice(0, improvements.length),
        'the improvements in the API ranking order',
      );
      await regressions.scrollIntoViewIfNeeded();
      await screenshot('movers');

      // The team's trend is asked for on demand: one row per quarter.
      await page.getByRole('button', { name: 'Show trend by quarter' }).click();
      const trend = page.getByRole('table', { name: 'Trend by quarter' });
      await trend.waitFor();
      assert.equal(
        await trend.locator('tbody tr').count(),
        (
          await api<{ rows: unknown[] }>(
            '/v1/groups/default/commerce/trend?period=quarter&count=4',
          )
        ).rows.length,
        'a row per quarter, as the API answers',
      );
      await trend.scrollIntoViewIfNeeded();
      await screenshot('team-trend');
    });

    it("a team's services table downloads as CSV: the file lists the table's services with the API's numbers (issue 17)", async () => {
      const recorded = recordMetrics(
        page,
        '/api/dora/v1/groups/default/commerce/metrics?',
        1,
      );
      await page.goto(`${APP_URL}/catalog/default/group/commerce/dora`);
      const shown = await recorded.current();
      const fromApi = await api<Metrics>(
        `/v1/groups/default/commerce/metrics${shown.query}`,
      );
      const entities = fromApi.entities ?? [];
      const nameOf = (ref: string) => parseEntityRef(ref).name;
      const services = page
        .getByRole('table')
        .filter({
          has: page.getByRole('columnheader', { name: /^Deployments per / }),
        })
        .first();
      for (const { entityRef } of entities) {
        await services
          .getByText(nameOf(entityRef), { exact: true })
          .first()
          .waitFor();
      }

      const button = page
        .getByRole('button', { name: /^Download services as CSV$/i })
        .first();
      await button.waitFor({ timeout: 30_000 }).catch(() => {
        throw new Error(
          'The team tab has no "Download services as CSV" button (issue 17)',
        );
      });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        button.click(),
      ]);
      assert.match(download.suggestedFilename(), /\.csv$/);
      const file = path.join(
        os.tmpdir(),
        `dora-e2e-${app.id}-${download.suggestedFilename()}`,
      );
      await download.saveAs(file);
      const rows = parseCsvRecords(await readFile(file, 'utf8'));
      const [nameColumn, deploymentsColumn] = ['service', 'deployments'];
      assert.ok(
        rows.length > 0 &&
          nameColumn in rows[0] &&
          deploymentsColumn in rows[0],
        `the CSV names the service and its deployments: ${Object.keys(
          rows[0] ?? {},
        ).join(', ')}`,
      );
      const byName = new Map(rows.map(row => [nameOf(row[nameColumn]), row]));
      assert.equal(rows.length, entities.length, 'a line per service');
      assert.deepEqual(
        [...byName.keys()].sort(),
        entities.map(e => nameOf(e.entityRef)).sort(),
        "the CSV's services are the team's",
      );
      for (const entity of entities) {
        const name = nameOf(entity.entityRef);
        assert.equal(
          Number(byName.get(name)![deploymentsColumn]),
          (entity as unknown as Metrics).deploymentFrequency.count,
          `${name}'s deployments in the CSV vs the API`,
        );
      }
    });

    it("a regression of a service of the guest's team reaches the guest's bell and notifications page (issue 17)", async () => {
      // ci-runner is devex-team's, and the guest is one of its members.
      const entityRef = 'component:default/ci-runner';
      const since = new Date(Date.now() - 1000);
      // A change is told from what was seen before it: see the state first.
      const before = await evaluateSignals();
      await regressChangeFailureRate(entityRef);
      await evaluateNow('delivery');
      // Sent once a change held for two evaluations (consecutiveEvaluations: 2).
      const evaluations = [before, await evaluateSignals()];
      evaluations.push(await evaluateSignals());
      const sent = await guestDoraNotifications(since);
      assert.ok(
        sent.length > 0,
        `the guest got a DORA notification; evaluations: ${JSON.stringify(evaluations)}`,
      );

      // The bell shows the unread count the notifications backend gives (a
      // scheduled evaluation may add one meanwhile: then look again).
      const bell = sidebar()
        .getByRole('link', { name: /Notifications/ })
        .first();
      let shownCount = false;
      for (let attempt = 0; attempt < 3 && !shownCount; attempt++) {
        await page.goto(`${APP_URL}/catalog`);
        await bell.waitFor();
        const unread = await guestUnreadCount();
        shownCount = await bell
          .getByText(unread > 99 ? '99+' : String(unread), { exact: true })
          .first()
          .waitFor({ timeout: 15_000 })
          .then(() => true)
          .catch(() => false);
      }
      assert.ok(shownCount, "the bell shows the guest's unread count");
      await bell.click();
      await page.waitForURL(`${APP_URL}/notifications`);
      await page.mouse.move(1000, 500);
      await page
        .getByText(sent[0].payload.title, { exact: true })
        .first()
        .waitFor();
      await screenshot('notifications');
    });

    it('the DORA tab and the DORA page are usable 390 px wide', async () => {
      const narrow = await browser.newContext({
        viewport: { width: 390, height: 844 },
        timezoneId: 'UTC',
        locale: 'en-US',
      });
      const phone = await narrow.newPage();
      phone.setDefaultTimeout(60_000);
      const fitsTheScreen = async (where: string) => {
        const overflow = await phone.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        assert.ok(
          overflow <= 1,
          `${where} is ${overflow} px wider than the screen`,
        );
      };
      try {
        await phone.goto(
          `${APP_URL}/catalog/default/component/payments-api/dora`,
        );
        await phone
          .getByRole('button', { name: /^Deployment frequency: / })
          .first()
          .waitFor();
        await fitsTheScreen('the DORA tab');
        if (app.screenshots) {
          await phone.waitForTimeout(1500);
          await phone.screenshot({
            path: path.join(IMAGES, 'dora-tab-narrow.png'),
          });
        }
        await phone.goto(`${APP_URL}/dora`);
        await phone
          .getByRole('link', { name: /^commerce$/i })
          .first()
          .waitFor();
        await fitsTheScreen('the DORA page');
        if (app.screenshots) {
          await phone.waitForTimeout(1500);
          await phone.screenshot({
            path: path.join(IMAGES, 'dora-page-narrow.png'),
          });
        }
      } finally {
        await narrow.close();
      }
    });
  });
}

selectedApps().forEach(describeApp);
