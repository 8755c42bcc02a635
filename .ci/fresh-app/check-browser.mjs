// Checks in Chromium that a fresh app with the DORA plugins shows the events
// posted by getting-started's curl step: the sidebar's DORA item and page,
// example-website's DORA tab and its owner group's (guests) DORA tab.
//
//   node check-browser.mjs <appUrl> <screenshotDir>
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [appUrl, shots] = process.argv.slice(2);
const TIMEOUT = 120_000; // the dev server compiles a page's chunks on first visit

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(TIMEOUT);

/**
 * Listens to the DORA API's OK answers whose path contains `part`; current()
 * waits for `expected` of them (a view asks for its window and the previous
 * one) and returns the body of the latest window.
 */
function doraAnswers(part, expected = 2) {
  const seen = [];
  const listener = r => {
    if (r.url().includes('/api/dora/') && r.url().includes(part) && r.ok())
      seen.push(r);
  };
  page.on('response', listener);
  return {
    async current() {
      const deadline = Date.now() + TIMEOUT;
      while (seen.length < expected && Date.now() < deadline)
        await page.waitForTimeout(250);
      page.off('response', listener);
      const to = r => new URL(r.url()).searchParams.get('to') ?? '';
      const latest = seen.sort((a, b) => to(b).localeCompare(to(a)))[0];
      assert.ok(latest, `no answer from the DORA API for ${part}`);
      return latest.json();
    },
  };
}

/** An entity page's DORA tab: a tab (legacy) or a link (new frontend system) to its dora path. */
const doraTab = entityPath =>
  page.locator(`a[href$="${entityPath}/dora"]`).filter({ hasText: /^DORA$/ });

async function step(name, check) {
  const started = Date.now();
  try {
    await check();
    await page.screenshot({
      path: path.join(shots, `${name.replace(/\W+/g, '-')}.png`),
    });
    console.log(
      `ok   ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  } catch (error) {
    await page.screenshot({
      path: path.join(shots, `${name.replace(/\W+/g, '-')}.png`),
    });
    throw new Error(`${name}: ${error.message}`);
  }
}

try {
  await step('sign in as guest', async () => {
    await page.goto(appUrl);
    // Both templates offer the guest provider; one click signs in.
    const enter = page.getByRole('button', { name: 'Enter' });
    const catalog = page.getByText('example-website');
    await enter.or(catalog).first().waitFor();
    if (await enter.isVisible()) await enter.click();
    await catalog.first().waitFor();
  });

  await step(
    'sidebar DORA item opens the DORA page with team guests',
    async () => {
      // Every team's row comes in one request (GET /v1/groups/metrics).
      const teams = doraAnswers('/v1/groups/metrics?', 1);
      await page.getByRole('link', { name: 'DORA', exact: true }).click();
      await page.waitForURL(/\/dora$/);
      const { items } = await teams.current();
      const body = items.find(
        row => row.groupRef.toLowerCase() === 'group:default/guests',
      );
      assert.equal(
        body.deploymentFrequency?.count,
        1,
        'deployments of guests in the API answer',
      );
      await page.getByText('guests').first().waitFor();
    },
  );

  await step(
    'example-website DORA tab shows one deployment and one change',
    async () => {
      const metrics = doraAnswers('/v1/metrics?');
      await page.goto(`${appUrl}/catalog/default/component/example-website`);
      await doraTab('/component/example-website').click();
      const body = await metrics.current();
      assert.equal(
        body.deploymentFrequency?.count,
        1,
        'deployments in the API answer',
      );
      assert.equal(
        body.leadTime?.sampleSize,
        1,
        'changes with a lead time in the API answer',
      );
      // The curl's change was merged an hour before its deployment.
      await page
        .getByRole('button', { name: /^Deployment frequency: 1\/month,/ })
        .first()
        .waitFor();
      await page
        .getByRole('button', { name: /^Lead time for changes: 60 min,/ })
        .first()
        .waitFor();
    },
  );

  await step('guests group DORA tab pools example-website', async () => {
    // The team's body carries its previous window: one request.
    const metrics = doraAnswers('/v1/groups/default/guests/metrics', 1);
    await page.goto(`${appUrl}/catalog/default/group/guests`);
    await doraTab('/group/guests').click();
    const body = await metrics.current();
    assert.equal(
      body.deploymentFrequency?.count,
      1,
      'deployments in the team API answer',
    );
    await page
      .getByRole('button', { name: /^Lead time for changes: 60 min,/ })
      .first()
      .waitFor();
    await page.getByText('example-website').first().waitFor();
  });
} finally {
  await browser.close();
}
