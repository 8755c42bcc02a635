import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import {
  createFakeDoraApi,
  FIXED_NOW,
  PAYMENTS,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { MetricsDashboard } from './MetricsDashboard';

const DAY = 86_400_000;
const iso = (millis: number) => new Date(millis).toISOString();

// Charts and the engine behind the fake API are slow on 2 cores.
jest.setTimeout(60_000);

/** The page's search params, shown so a test can read the URL. */
function Search() {
  return <output aria-label="search">{useLocation().search}</output>;
}

const search = () =>
  new URLSearchParams(screen.getByLabelText('search').textContent ?? '');

describe('MetricsDashboard charts and window', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
  });
  afterEach(() => jest.restoreAllMocks());

  const render = (api = createFakeDoraApi(), routeEntries?: string[]) =>
    renderDora(
      <>
        <MetricsDashboard
          target={{ kind: 'entity', entityRef: PAYMENTS }}
          subject="this service"
          chartWidth={400}
        />
        <Search />
      </>,
      { api, routeEntries },
    );

  it('the timezone picker writes `tz` to the URL, keeps the custom days and shows times in the new zone', async () => {
    const { api } = await render(undefined, [
      '/?from=2026-03-02&to=2026-03-15&bucket=day&tz=Europe/Berlin',
    ]);
    await screen.findByRole('figure', { name: 'Deployments per day' });
    const picker = screen.getByLabelText('Timezone');
    expect(picker).toHaveValue('Europe/Berlin');

    fireEvent.change(picker, { target: { value: 'Tokyo' } });
    const listbox = await screen.findByRole('listbox');
    await userEvent.click(within(listbox).getByText('Asia/Tokyo'));

    await waitFor(() => expect(search().get('tz')).toBe('Asia/Tokyo'));
    expect(search().get('from')).toBe('2026-03-02');
    expect(search().get('to')).toBe('2026-03-15');
    expect(search().get('bucket')).toBe('day');
    expect(screen.getByText('Times in Asia/Tokyo')).toBeInTheDocument();
    // The same days, from midnight in Tokyo (UTC+9).
    await waitFor(() =>
      expect(api.getEntityMetrics).toHaveBeenCalledWith(PAYMENTS, {
        from: '2026-03-01T15:00:00.000Z',
        to: '2026-03-15T15:00:00.000Z',
        timezone: 'Asia/Tokyo',
        bucket: 'day',
      }),
    );
  });

  it('while a new window loads, marks the old charts as loading too', async () => {
    const fake = createFakeDoraApi();
    let release: () => void = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    const api = createFakeDoraApi({
      getEntityMetrics: async (entityRef, query) => {
        if (query?.from === iso(FIXED_NOW - 7 * DAY)) await held;
        return fake.getEntityMetrics(entityRef, query);
      },
    });
    await render(api);
    await screen.findByRole('figure', { name: 'Deployments per week' });
    await userEvent.selectOptions(
      screen.getByLabelText('Window'),
      'Last 7 days',
    );
    await screen.findByText(/the numbers below are still those of/);
    const chart = screen.getByRole('figure', { name: /^Lead time for/ });
    expect(chart.closest('[aria-busy="true"]')).not.toBeNull();
    release();
    await screen.findByRole('figure', { name: 'Deployments per day' });
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
  });
});
