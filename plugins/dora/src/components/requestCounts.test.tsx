/*
 * Issue 15, "Fewer requests": each page counted at the HTTP level, through
 * the real DoraClient, against the fixtures' backend.
 */
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { DoraApi } from '../api/DoraApi';
import {
  CountingBackend,
  createCountingBackend,
  routeOf,
} from '../__testUtils__/countingBackend';
import {
  componentEntity,
  FIXED_NOW,
  groupEntity,
  SUB_TEAM,
  TEAM,
} from '../__testUtils__/fixtures';
import { renderDora } from '../__testUtils__/render';
import { DoraPage } from './DoraPage';
import { EntityDoraContent } from './EntityDoraContent';
import { EntityGroupDoraContent } from './EntityGroupDoraContent';

jest.setTimeout(60_000);

const GROUP_METRICS = '/v1/groups/:ns/:name/metrics';
const GROUPS_METRICS = '/v1/groups/metrics';
const GROUP_TREND = '/v1/groups/:ns/:name/trend';

const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((a, b) => a + b, 0);

/** Waits until no request has been sent for a while. */
async function settled(backend: CountingBackend) {
  let seen = -1;
  while (seen !== backend.total()) {
    seen = backend.total();
    await act(() => new Promise(resolve => setTimeout(resolve, 300)));
  }
}

const asApi = (backend: CountingBackend) =>
  backend.client as DoraApi as jest.Mocked<DoraApi>;

async function pickWindow(label: string) {
  await userEvent.selectOptions(screen.getByLabelText('Window'), label);
}

describe('requests per page (issue 15)', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  describe('the team tab (3 services, 1 sub-team, 1 scorecard)', () => {
    const render = async () => {
      const backend = createCountingBackend();
      await renderDora(<EntityGroupDoraContent />, {
        api: asApi(backend),
        entity: groupEntity(TEAM),
      });
      await screen.findByRole('table', {
        name: 'Delivery working agreements: compliance per rule',
      });
      await settled(backend);
      return backend;
    };

    // Was 14, then 9 (the window, the previous window, each sub-team, one
    // /v1/metrics per service for its sparkline, one compliance per
    // scorecard): now 4 whatever the number of services, sub-teams and
    // scorecards.
    it('asks for at most 4 things on load, each once', async () => {
      const backend = await render();
      expect(backend.counts()).toEqual({
        // The window with the previous window, each service's series, the
        // movers and the sub-teams (include=entitySeries,movers,previous,subTeams).
        [GROUP_METRICS]: 1,
        '/v1/scorecards': 1,
        '/v1/scorecards/results': 1,
        // Every scorecard's compliance at once.
        '/v1/scorecards/compliance': 1,
      });
      expect(total(backend.counts())).toBeLessThanOrEqual(4);
      const team = backend.urls.find(u => routeOf(u) === GROUP_METRICS)!;
      expect(new URL(team).searchParams.get('include')).toBe(
        'entitySeries,movers,previous,subTeams',
      );
    });

    // Was 15, then 6: the team's, the previous window's and the
    // sub-team's metrics, and each service's.
    it('on a window change asks for the team’s body only, once', async () => {
      const backend = await render();
      backend.reset();
      await pickWindow('Last 90 days');
      await settled(backend);
      expect(backend.counts()).toEqual({ [GROUP_METRICS]: 1 });
    });

    // Was 4: the services' metrics again. Still 1.
    it('opening a drill-down asks for its events and nothing the page has', async () => {
      const backend = await render();
      backend.reset();
      await userEvent.click(
        await screen.findByRole('button', { name: /^Deployment frequency: / }),
      );
      await within(await screen.findByRole('dialog')).findAllByText(
        /deploy-payments-/,
      );
      await settled(backend);
      expect(backend.counts()).toEqual({ '/v1/events': 1 });
    });

    it('asks for the team’s trend only when opened, once', async () => {
      const backend = await render();
      expect(backend.counts()[GROUP_TREND]).toBeUndefined();
      backend.reset();
      await userEvent.click(
        screen.getByRole('button', { name: 'Show trend by quarter' }),
      );
      await screen.findByRole('table', { name: 'Trend by quarter' });
      await settled(backend);
      expect(backend.counts()).toEqual({ [GROUP_TREND]: 1 });
      const trend = new URL(backend.urls[0]).searchParams;
      expect(trend.get('period')).toBe('quarter');
      expect(trend.get('count')).toBe('4');
    });
  });

  describe('the DORA page (2 teams, 1 scorecard)', () => {
    // Was 1 per team of the catalog and 1 per scorecard (plus the
    // scorecards): now 4 whatever their number (the movers of every team
    // and service in one), and 2 on a window change.
    it('asks for at most 4 things on load and only the teams’ metrics and movers, once each, on a window change', async () => {
      const backend = createCountingBackend();
      await renderDora(
        <Routes>
          <Route path="/dora/*" element={<DoraPage />} />
        </Routes>,
        {
          api: asApi(backend),
          catalogApi: catalogApiMock({
            entities: [groupEntity(TEAM), groupEntity(SUB_TEAM, [])],
          }),
          routeEntries: ['/dora'],
        },
      );
      await screen.findAllByRole('link', { name: 'commerce' });
      await screen.findByRole('table', {
        name: 'Delivery working agreements: compliance per rule',
      });
      await settled(backend);
      expect(backend.counts()).toEqual({
        // Every team of the catalog pooled at once (groupRef repeated).
        [GROUPS_METRICS]: 1,
        // Every team and service's movers at once.
        '/v1/movers': 1,
        '/v1/scorecards': 1,
        // Every scorecard's compliance at once.
        '/v1/scorecards/compliance': 1,
      });
      expect(total(backend.counts())).toBeLessThanOrEqual(4);
      const teams = backend.urls.find(u => routeOf(u) === GROUPS_METRICS)!;
      expect(new URL(teams).searchParams.getAll('groupRef')).toEqual([
        TEAM,
        SUB_TEAM,
      ]);

      backend.reset();
      await pickWindow('Last 90 days');
      await settled(backend);
      expect(backend.counts()).toEqual({
        [GROUPS_METRICS]: 1,
        '/v1/movers': 1,
      });
    });
  });

  describe('the service tab', () => {
    it('asks for each thing once on load and only the metrics on a window change', async () => {
      const backend = createCountingBackend();
      await renderDora(<EntityDoraContent />, {
        api: asApi(backend),
        entity: componentEntity(),
      });
      await screen.findByRole('button', { name: /^Deployment frequency/ });
      await settled(backend);
      // Unchanged by the team tab's includes.
      expect(backend.counts()).toEqual({
        // The window and the previous window.
        '/v1/metrics': 2,
        '/v1/scorecards': 1,
        '/v1/scorecards/results': 1,
        // The environments seen over the whole history: not the window's.
        '/v1/environments': 1,
      });

      backend.reset();
      await pickWindow('Last 90 days');
      await settled(backend);
      expect(backend.counts()).toEqual({ '/v1/metrics': 2 });
    });
  });
});
