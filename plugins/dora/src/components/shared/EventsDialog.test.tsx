import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeDoraApi,
  FIXED_NOW,
  PAYMENTS,
  TEAM,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { EventsDialog } from './EventsDialog';

const DAY = 86_400_000;
const query = {
  from: new Date(FIXED_NOW - 30 * DAY).toISOString(),
  to: new Date(FIXED_NOW).toISOString(),
  timezone: 'UTC',
};

// Charts, tables and the engine behind the fake API are slow on 2 cores.
jest.setTimeout(30_000);

describe('EventsDialog', () => {
  it('pages the events with "Load more" until the last page', async () => {
    const { api } = await renderDora(
      <EventsDialog
        open
        onClose={() => {}}
        title="Deployment frequency"
        entityRef={PAYMENTS}
        kind="deployment"
        query={query}
        timezone="UTC"
        pageSize={10}
      />,
    );
    const dialog = await screen.findByRole('dialog');
    const table = await within(dialog).findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Load more' }),
    );
    await waitFor(() =>
      expect(within(table).getAllByRole('row').length).toBeGreaterThan(11),
    );
    expect(api.getEvents).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: '10', limit: 10 }),
    );
    while (within(dialog).queryByRole('button', { name: 'Load more' })) {
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Load more' }),
      );
      await waitFor(() => expect(screen.queryByTestId('progress')).toBeNull());
    }
    const total = (await api.getEvents.mock.results[0].value).items.length;
    expect(total).toBe(10);
    expect(within(table).getAllByRole('row').length - 1).toBeGreaterThan(20);
  });

  it('names the service of each event of a team', async () => {
    await renderDora(
      <EventsDialog
        open
        onClose={() => {}}
        title="Time to restore service"
        groupRef={TEAM}
        kind="incident"
        query={query}
        timezone="UTC"
      />,
    );
    const table = await screen.findByRole('table');
    expect(within(table).getByText('Service')).toBeInTheDocument();
    expect(
      within(table).getAllByRole('link', { name: /payments-api/ }).length,
    ).toBeGreaterThan(0);
  });

  it('says so when there is no event of the kind in the window', async () => {
    await renderDora(
      <EventsDialog
        open
        onClose={() => {}}
        title="Time to restore service"
        entityRef={PAYMENTS}
        kind="incident"
        query={{
          ...query,
          from: '2020-01-01T00:00:00Z',
          to: '2020-02-01T00:00:00Z',
        }}
        timezone="UTC"
      />,
      { api: createFakeDoraApi() },
    );
    expect(
      await screen.findByText('No incidents in this window.'),
    ).toBeInTheDocument();
  });
});
