import { Locator, Page } from 'playwright-core';

/** One of the two example apps, and where its chrome differs. */
export interface ExampleApp {
  id: 'nfs' | 'legacy';
  /** The root package.json script that starts it with the example backend. */
  script: string;
  /** Whether its run saves the screenshots of docs/images. */
  screenshots: boolean;
  /** An entity page's tab, e.g. "DORA". */
  entityTab(page: Page, title: string): Locator;
}

export const APPS: ExampleApp[] = [
  {
    id: 'nfs',
    script: 'start',
    screenshots: true,
    // The new frontend system's entity tabs are links in a nav bar.
    entityTab: (page, title) =>
      page
        .getByRole('navigation')
        .filter({ has: page.getByRole('link', { name: 'Overview' }) })
        .getByRole('link', { name: title, exact: true }),
  },
  {
    id: 'legacy',
    script: 'start:legacy',
    screenshots: false,
    entityTab: (page, title) =>
      page.getByRole('tab', { name: title, exact: true }),
  },
];

/** The apps to test: both (the new frontend system first), or E2E_APP's one. */
export function selectedApps(): ExampleApp[] {
  const wanted = process.env.E2E_APP;
  if (!wanted) return APPS;
  const app = APPS.find(a => a.id === wanted);
  if (!app) {
    throw new Error(
      `E2E_APP=${wanted}: expected one of ${APPS.map(a => a.id).join(', ')}`,
    );
  }
  return [app];
}
