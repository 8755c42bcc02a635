import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CHECKOUT,
  componentEntity,
  createFakeDoraApi,
  EMPTY,
  FIXED_NOW,
  PAYMENTS,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { EntityDoraContent } from './EntityDoraContent';

const DAY = 86_400_000;
const iso = (millis: number) => new Date(millis).toISOString();

// Charts, tables and the engine behind the fake API are slow on 2 cores.
jest.setTimeout(30_000);

describe('EntityDoraContent', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
  });
  afterEach(() => jest.restoreAllMocks());

  const render = (
    entityRef = PAYMENTS,
    api = createFakeDoraApi(),
    routeEntries?: string[],
  ) =>
    renderDora(<EntityDoraContent />, {
      api,
      entity: componentEntity(entityRef),
      routeEntries,
    });

  it('shows the four metrics in human units, each with its band named in its chip', async () => {
    await render();
    const df = await screen.findByRole('button', {
      name: /^Deployment frequency: 4.2\/week, band High/,
    });
    expect(within(df).getByText('High')).toBeInTheDocument();
    expect(
      within(df).getByText('18 deployments on 18 days'),
    ).toBeInTheDocument();
    const lt = screen.getByRole('button', { name: /^Lead time for changes/ });
    expect(within(lt).getByText('32.5 h')).toBeInTheDocument();
    expect(within(lt).getByText('High')).toBeInTheDocument();
    const cfr = screen.getByRole('button', { name: /^Change failure rate/ });
    expect(within(cfr).getByText('11 %')).toBeInTheDocument();
    expect(within(cfr).getByText('Medium')).toBeInTheDocument();
    expect(
      within(cfr).getByText('2 of 18 deployments failed'),
    ).toBeInTheDocument();
    const ttr = screen.getByRole('button', {
      name: /^Time to restore service/,
    });
    expect(within(ttr).getByText('1.8 h')).toBeInTheDocument();
  });

  it('compares each metric with the previous window of the same length', async () => {
    const { api } = await render();
    await screen.findByRole('button', { name: /^Deployment frequency: 4.2/ });
    expect(api.getEntityMetrics).toHaveBeenCalledWith(PAYMENTS, {
      from: iso(FIXED_NOW - 30 * DAY),
      to: iso(FIXED_NOW),
      timezone: expect.any(String),
      bucket: 'week',
    });
    expect(api.getEntityMetrics).toHaveBeenCalledWith(PAYMENTS, {
      from: iso(FIXED_NOW - 60 * DAY),
      to: iso(FIXED_NOW - 30 * DAY),
      timezone: expect.any(String),
      bucket: 'week',
    });
    const df = screen.getByRole('button', { name: /^Deployment frequency/ });
    expect(
      within(df).getByText('−14 % vs the previous 30 days (worse)'),
    ).toBeInTheDocument();
    const cfr = screen.getByRole('button', { name: /^Change failure rate/ });
    expect(
      within(cfr).getByText('+1.6 pp vs the previous 30 days (worse)'),
    ).toBeInTheDocument();
  });

  it('asks for the window picked in the labelled window select, with a fitting bucket', async () => {
    const { api } = await render();
    await screen.findByRole('button', { name: /^Deployment frequency: 4.2/ });
    await userEvent.selectOptions(
      screen.getByLabelText('Window'),
      'Last 7 days',
    );
    await waitFor(() =>
      expect(api.getEntityMetrics).toHaveBeenCalledWith(PAYMENTS, {
        from: iso(FIXED_NOW - 7 * DAY),
        to: iso(FIXED_NOW),
        timezone: expect.any(String),
        bucket: 'day',
      }),
    );
    expect(await screen.findByText('Deployments per day')).toBeInTheDocument();
    expect(screen.getByLabelText('Chart bucket')).toHaveValue('day');
  });

  it('while a new window loads, marks the old numbers as loading under their own window (issue 15)', async () => {
    const fake = createFakeDoraApi();
    let release: () => void = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    const api = createFakeDoraApi({
      // The 7-day window's answers wait until released.
      getEntityMetrics: async (entityRef, query) => {
        if (query?.from === iso(FIXED_NOW - 7 * DAY)) await held;
        return fake.getEntityMetrics(entityRef, query);
      },
    });
    await render(PAYMENTS, api);
    await screen.findByRole('button', { name: /^Deployment frequency: 4.2/ });
    await userEvent.selectOptions(
      screen.getByLabelText('Window'),
      'Last 7 days',
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'the numbers below are still those of the 30 days shown before',
    );
    const df = screen.getByRole('button', { name: /^Deployment frequency/ });
    expect(df.closest('[aria-busy="true"]')).not.toBeNull();
    expect(within(df).getByText(/vs the previous 30 days/)).toBeInTheDocument();
    release();
    await waitFor(() =>
      expect(
        within(
          screen.getByRole('button', { name: /^Deployment frequency/ }),
        ).getByText(/the previous 7 days/),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByRole('status')).toBeNull();
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
  });

  it('opens on the window, bucket and timezone of the URL (issue 15, keep the context)', async () => {
    const api = createFakeDoraApi();
    await render(PAYMENTS, api, [
      '/?from=2026-03-02&to=2026-03-15&bucket=day&tz=Europe/Berlin',
    ]);
    await waitFor(() =>
      expect(api.getEntityMetrics).toHaveBeenCalledWith(PAYMENTS, {
        from: '2026-03-01T23:00:00.000Z',
        to: '2026-03-15T23:00:00.000Z',
        timezone: 'Europe/Berlin',
        bucket: 'day',
      }),
    );
    expect(screen.getByLabelText('Window')).toHaveValue('custom');
    expect(screen.getByLabelText('From')).toHaveValue('2026-03-02');
    expect(screen.getByLabelText('To (inclusive)')).toHaveValue('2026-03-15');
    expect(screen.getByText('Times in Europe/Berlin')).toBeInTheDocument();
  });

  it('takes a custom range of whole days and a bucket', async () => {
    const { api } = await render();
    await screen.findByRole('button', { name: /^Deployment frequency: 4.2/ });
    await userEvent.selectOptions(
      screen.getByLabelText('Window'),
      'Custom range',
    );
    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-03-02' },
    });
    fireEvent.change(screen.getByLabelText('To (inclusive)'), {
      target: { value: '2026-03-15' },
    });
    await userEvent.selectOptions(
      screen.getByLabelText('Chart bucket'),
      'Month',
    );
    await waitFor(() => {
      const calls = api.getEntityMetrics.mock.calls.map(c => c[1]);
      expect(calls).toContainEqual(
        expect.objectContaining({
          bucket: 'month',
          from: expect.stringMatching(/^2026-03-0[12]T/),
          to: expect.stringMatching(/^2026-03-1[56]T/),
        }),
      );
    });
  });

  it('shows failed-deployment recovery time and rework rate beside the tiles', async () => {
    await render();
    expect(
      await screen.findByText('Failed deployment recovery time'),
    ).toBeInTheDocument();
    expect(screen.getByText('Deployment rework rate')).toBeInTheDocument();
    expect(
      screen.getByText(/of 18 deployments were hotfixes, rollbacks or reverts/),
    ).toBeInTheDocument();
  });

  it('draws the deployments, lead time, breakdown, failure rate and restore charts', async () => {
    await render();
    for (const name of [
      'Deployments per week',
      'Lead time for changes, median (hours)',
      'Lead time breakdown, medians (hours)',
      'Change failure rate (%)',
      'Time to restore service, median (hours)',
    ]) {
      expect(await screen.findByRole('figure', { name })).toBeInTheDocument();
    }
    expect(screen.getAllByRole('definition')).toHaveLength(4);
    expect(screen.getByText(/first commit to opened/)).toBeInTheDocument();
  });

  it('shows the API’s warnings plainly, with what to do about them', async () => {
    await render(CHECKOUT);
    expect(await screen.findByText('No incident source')).toBeInTheDocument();
    expect(
      screen.getByText(/Add the pagerduty.com\/service-id/),
    ).toBeInTheDocument();
    const ttr = screen.getByRole('button', {
      name: /^Time to restore service/,
    });
    expect(within(ttr).getByText('No band')).toBeInTheDocument();
    expect(
      within(ttr).getByText('No incident source connected'),
    ).toBeInTheDocument();
  });

  it('tells the user how to send events when nothing has been ingested', async () => {
    await render(EMPTY);
    expect(
      await screen.findByText('Nothing has been ingested for this service yet'),
    ).toBeInTheDocument();
    // No ingestion docs configured: a ready-to-copy example for this service.
    expect(
      screen.getByText(/\/api\/dora\/v1\/events/, { selector: 'pre' }),
    ).toHaveTextContent(/"entityRef":"component:default\/[a-z-]+"/);
    expect(
      screen.queryByRole('button', { name: /^Deployment frequency/ }),
    ).toBeNull();
  });

  it('shows progress while loading and an error panel when the backend fails', async () => {
    const pending: ((e: Error) => void)[] = [];
    const api = createFakeDoraApi({
      getEntityMetrics: () =>
        new Promise((_resolve, reject) => {
          pending.push(reject);
        }),
    });
    await render(PAYMENTS, api);
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No entity payments-api' },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    pending.forEach(reject => reject(error));
    expect(
      await screen.findByText(/No entity payments-api/),
    ).toBeInTheDocument();
  });

  it('opens the deployments behind deployment frequency, failed ones with why', async () => {
    const { api } = await render();
    await userEvent.click(
      await screen.findByRole('button', { name: /^Deployment frequency/ }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'Deployment frequency: the deployments behind it',
      ),
    ).toBeInTheDocument();
    await within(dialog).findAllByText('deploy-payments-35');
    expect(api.getEvents).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: PAYMENTS, kind: 'deployment' }),
    );
    expect(within(dialog).getAllByText('Failed change')).toHaveLength(3);
    expect(
      within(dialog).getAllByText(/Because an incident names this deployment/)
        .length,
    ).toBeGreaterThan(0);
    expect(
      within(dialog).getAllByText('Not a production environment: not counted')
        .length,
    ).toBeGreaterThan(0);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('opens each change behind lead time with its lead time and shipping deployment', async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: /^Lead time for changes/ }),
    );
    const dialog = await screen.findByRole('dialog');
    const table = await within(dialog).findByRole('table');
    expect(within(table).getByText('Shipped by')).toBeInTheDocument();
    expect(
      within(table).getAllByText(/^deploy-payments-/).length,
    ).toBeGreaterThan(0);
    expect(within(table).getAllByText(/ (h|days)$/).length).toBeGreaterThan(0);
  });

  it('opens the incidents behind time to restore with their restore times', async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: /^Time to restore service/ }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('Time to restore'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getAllByText(/^Errors after deploy-payments-/).length,
    ).toBe(2);
  });

  it('lists the working agreements: each rule’s result, value, threshold, source and the level', async () => {
    await render();
    const section = await screen.findByRole('region', {
      name: 'Delivery working agreements',
    });
    expect(
      within(section).getByText('Level reached:').parentElement,
    ).toHaveTextContent('Level reached:Silver');
    const row = within(section).getByText('Small pull requests').closest('tr')!;
    expect(within(row).getByText('Warn')).toBeInTheDocument();
    expect(within(row).getByText('431.8')).toBeInTheDocument();
    expect(within(row).getByText('≤ 400 (warn ≤ 500)')).toBeInTheDocument();
    expect(within(row).getByText('the scorecard')).toBeInTheDocument();
    const gold = within(section)
      .getByText('Lead time under a day')
      .closest('tr')!;
    expect(within(gold).getByText('Fail')).toBeInTheDocument();
    expect(within(gold).getByText('32.5 h')).toBeInTheDocument();
    expect(within(gold).getByText('< 24 h')).toBeInTheDocument();
  });

  it('says which group a loosened threshold came from', async () => {
    await render(CHECKOUT);
    const section = await screen.findByRole('region', {
      name: 'Delivery working agreements',
    });
    const row = within(section).getByText('Small pull requests').closest('tr')!;
    expect(within(row).getByText('≤ 600 (warn ≤ 800)')).toBeInTheDocument();
    expect(within(row).getByText(/group/)).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /checkout-team/ }),
    ).toBeInTheDocument();
    const ttr = within(section)
      .getByText('Restore within a day')
      .closest('tr')!;
    expect(within(ttr).getByText('No data')).toBeInTheDocument();
  });
});
