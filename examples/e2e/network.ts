import { Page, Request } from 'playwright-core';

/**
 * Records the requests a page makes to the DORA backend, from the browser's
 * own network log, until it has been quiet for a while.
 */
export function recordDoraRequests(page: Page) {
  const urls: string[] = [];
  let last = Date.now();
  const listener = (request: Request) => {
    if (request.url().includes('/api/dora/')) {
      urls.push(request.url());
      last = Date.now();
    }
  };
  page.on('request', listener);
  return {
    /** The requests, once at least one came and then none for `quietMs`; stops recording. */
    async settled(quietMs = 2500, maxMs = 60_000): Promise<string[]> {
      const deadline = Date.now() + maxMs;
      while (
        (urls.length === 0 || Date.now() - last < quietMs) &&
        Date.now() < deadline
      ) {
        await page.waitForTimeout(250);
      }
      page.off('request', listener);
      return urls.map(url => {
        const { pathname, search } = new URL(url);
        return `${pathname.replace('/api/dora', '')}${search}`;
      });
    },
  };
}
