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

    // Was 14: scorecards and compliance twice, each service's metrics twice.
    it('asks for each thing once on load', async () => {
      const backend = await render();
      expect(backend.counts()).toEqual({
        // The window, the previous window, the sub-team.
        [GROUP_METRICS]: 3,
        // One per service, for its sparkline: rollup rows carry no series.
        '/v1/metrics': 3,
        '/v1/scorecards': 1,
        '/v1/scorecards/results': 1,
        // One per scorecard.
        '/v1/scorecards/:id/compliance': 1,
      });
    });

    // Was 15: each service's metrics four times.
    it('on a window change asks only for what depends on the window, once each', async () => {
      const backend = await render();
      backend.reset();
      await pickWindow('Last 90 days');
      await settled(backend);
      expect(backend.counts()).toEqual({
        [GROUP_METRICS]: 3,
        '/v1/metrics': 3,
      });
    });

    // Was 4: the services' metrics again.
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
  });

  describe('the DORA page (2 teams, 1 scorecard)', () => {
    it('asks for each thing once on load (4) and only the teams’ metrics on a window change', async () => {
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
      await screen.findByRole('link', { name: 'commerce' });
      await screen.findByRole('table', {
        name: 'Delivery working agreements: compliance per rule',
      });
      await settled(backend);
      // One per team of the catalog, one per scorecard.
      expect(backend.counts()).toEqual({
        [GROUP_METRICS]: 2,
        '/v1/scorecards': 1,
        '/v1/scorecards/:id/compliance': 1,
      });

      backend.reset();
      await pickWindow('Last 90 days');
      await settled(backend);
      expect(backend.counts()).toEqual({ [GROUP_METRICS]: 2 });
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
      expect(backend.counts()).toEqual({
        // The window and the previous window.
        '/v1/metrics': 2,
        '/v1/scorecards': 1,
        '/v1/scorecards/results': 1,
      });

      backend.reset();
      await pickWindow('Last 90 days');
      await settled(backend);
      expect(backend.counts()).toEqual({ '/v1/metrics': 2 });
    });
  });
});
