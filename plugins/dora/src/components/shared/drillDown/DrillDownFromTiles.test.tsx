import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { createDrillDownApi } from '../../../__testUtils__/drillDownFake';
import {
  componentEntity,
  FIXED_NOW,
  PAYMENTS,
} from '../../../__testUtils__/fixtures';
import { renderDora } from '../../../__testUtils__/render';
import { EntityDoraContent } from '../../EntityDoraContent';

// The whole service tab renders, on 2 shared cores.
jest.setTimeout(60_000);

function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

const urlParams = () =>
  Object.fromEntries(
    new URLSearchParams(screen.getByTestId('search').textContent!),
  );

async function renderTab(search = '') {
  const api = createDrillDownApi();
  await renderDora(
    <>
      <EntityDoraContent />
      <Search />
    </>,
    {
      api,
      entity: componentEntity(PAYMENTS),
      routeEntries: [`/dora${search}`],
    },
  );
  return api;
}

describe('the tiles open their drill-down, kept in the URL', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
  });
  afterEach(() => jest.restoreAllMocks());

  it('deployment frequency lists what counted, change failure rate what failed', async () => {
    const api = await renderTab();
    await userEvent.click(
      await screen.findByRole('button', { name: /^Change failure rate/ }),
    );
    let dialog = await screen.findByRole('dialog');
    await within(dialog).findByRole('table');
    expect(api.getEvents).toHaveBeenLastCalledWith(
      expect.objectContaining({
        entityRef: PAYMENTS,
        kind: 'deployment',
        show: 'failed',
      }),
    );
    expect(urlParams()).toMatchObject({ events: 'deployment', show: 'failed' });
    // The tile says "2 of 18 deployments failed"; the list holds those two.
    expect(within(dialog).getAllByRole('row')).toHaveLength(3);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(urlParams().events).toBeUndefined();

    await userEvent.click(
      screen.getByRole('button', { name: /^Deployment frequency/ }),
    );
    dialog = await screen.findByRole('dialog');
    await within(dialog).findByRole('table');
    expect(api.getEvents).toHaveBeenLastCalledWith(
      expect.objectContaining({ kind: 'deployment', show: 'counted' }),
    );
    expect(urlParams()).toMatchObject({
      events: 'deployment',
      show: 'counted',
    });
    // 18 deployments counted, as on the tile; staging ones are left out.
    expect(within(dialog).getAllByRole('row')).toHaveLength(19);
    expect(
      within(dialog).queryByText('Not a production environment: not counted'),
    ).toBeNull();
  });

  it('a reload with the drill-down in the URL reopens the same list with one request', async () => {
    const api = await renderTab('?window=30d&events=incident&show=counted');
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'Time to restore service: the incidents behind it',
      ),
    ).toBeInTheDocument();
    await within(dialog).findAllByText(/^Errors after deploy-payments-/);
    expect(api.getEvents).toHaveBeenCalledTimes(1);
    expect(api.getEvents).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'incident', show: 'counted' }),
    );
  });
});
