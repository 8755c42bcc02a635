import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeDoraApi,
  FIXED_NOW,
  groupEntity,
  SUB_TEAM,
  TEAM,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { EntityGroupDoraContent } from './EntityGroupDoraContent';
import { DeploymentsSparkline } from './ServiceTrends';

jest.setTimeout(30_000);

describe('EntityGroupDoraContent', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  const render = (api = createFakeDoraApi()) =>
    renderDora(<EntityGroupDoraContent />, { api, entity: groupEntity(TEAM) });

  it('shows the team’s pooled metrics with bands, changes and trends', async () => {
    const { api } = await render();
    const df = await screen.findByRole('button', {
      name: /^Deployment frequency: .*, band /,
    });
    expect(within(df).getByText(/deployments on \d+ days/)).toBeInTheDocument();
    expect(api.getGroupMetrics).toHaveBeenCalledWith(TEAM, expect.anything());
    expect(api.getGroupMetrics).toHaveBeenCalledTimes(2 + 1);
    expect(
      screen.getByRole('figure', { name: 'Deployments per week' }),
    ).toBeInTheDocument();
    expect(screen.getByText('No incident source')).toBeInTheDocument();
  });

  it('lists every service with its metrics, bands, level and a deployments sparkline', async () => {
    await render();
    await screen.findByRole('link', { name: /payments-api/ });
    const table = screen
      .getAllByRole('table')
      .find(t => within(t).queryByRole('link', { name: /empty-service/ }))!;
    const payments = within(table)
      .getByRole('link', { name: /payments-api/ })
      .closest('tr')!;
    expect(within(payments).getByText('4.2/week')).toBeInTheDocument();
    expect(within(payments).getByText('Medium')).toBeInTheDocument();
    expect(within(payments).getByText('Silver')).toBeInTheDocument();
    const sparkline = await within(payments).findByRole('img', {
      name: /^Deployments per week: /,
    });
    // Whole weeks only: the window's first and last weeks are cut.
    expect(sparkline).toHaveAccessibleName(
      /^Deployments per week: (\d+, )*\d+ \(whole weeks only\)$/,
    );
    const empty = within(table)
      .getByRole('link', { name: /empty-service/ })
      .closest('tr')!;
    expect(within(empty).getByText('Not graded')).toBeInTheDocument();
  });

  it('never shows a service’s trend of the last window under the new one’s header (issue 15)', async () => {
    const fake = createFakeDoraApi();
    const weekAgo = new Date(FIXED_NOW - 7 * 86_400_000).toISOString();
    const api = createFakeDoraApi({
      // The services' 7-day trends never arrive; the team's numbers do.
      getEntityMetrics: (entityRef, query) =>
        query?.from === weekAgo
          ? new Promise(() => {})
          : fake.getEntityMetrics(entityRef, query),
    });
    await render(api);
    await screen.findAllByRole('img', { name: /^Deployments per week: / });
    await userEvent.selectOptions(
      screen.getByLabelText('Window'),
      'Last 7 days',
    );
    await screen.findByRole('columnheader', { name: 'Deployments per day' });
    expect(
      screen.queryAllByRole('img', { name: /^Deployments per week: / }),
    ).toHaveLength(0);
  });

  it('sorts the services by a metric when its header is activated', async () => {
    await render();
    await screen.findByRole('link', { name: /payments-api/ });
    const servicesTable = screen
      .getAllByRole('table')
      .find(t => within(t).queryByRole('link', { name: /empty-service/ }))!;
    const names = () =>
      within(servicesTable)
        .getAllByRole('link')
        .map(a => a.textContent);
    const header = () =>
      within(servicesTable).getAllByRole('button', {
        name: 'Deployment frequency',
      })[0];
    await userEvent.click(header());
    await waitFor(() =>
      expect(names()).toEqual([
        'empty-service',
        'checkout-web',
        'payments-api',
      ]),
    );
    await userEvent.click(header());
    await waitFor(() =>
      expect(names()).toEqual([
        'payments-api',
        'checkout-web',
        'empty-service',
      ]),
    );
  });

  it('shows sub-teams as rows that link to their own page', async () => {
    const { api } = await render();
    const link = await screen.findByRole('link', { name: /checkout-team/ });
    expect(link).toHaveAttribute(
      'href',
      expect.stringContaining('/catalog/default/group/checkout-team'),
    );
    expect(api.getGroupMetrics).toHaveBeenCalledWith(
      SUB_TEAM,
      expect.anything(),
    );
    const row = link.closest('tr')!;
    expect(within(row).getByText('1')).toBeInTheDocument();
  });

  it('shows the scorecard compliance of the team per rule and level', async () => {
    const { api } = await render();
    const table = await screen.findByRole('table', {
      name: 'Delivery working agreements: compliance per rule',
    });
    expect(api.getScorecardCompliance).toHaveBeenCalledWith('delivery', {
      groupRef: TEAM,
    });
    const row = within(table).getByText('Small pull requests').closest('tr')!;
    expect(within(row).getByText('100 %')).toBeInTheDocument();
    expect(
      within(row).getByRole('progressbar', {
        name: 'Small pull requests: pass rate',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Bronze: 2 of 2 reached; Silver: 1 of 2 reached/),
    ).toBeInTheDocument();
  });

  it('the services sparkline leaves out the buckets the window cuts', async () => {
    const point = (start: string, end: string, deployments: number) => ({
      start,
      end,
      deployments,
    });
    const trend = {
      window: {
        from: '2026-11-05T00:00:00Z',
        to: '2026-11-23T15:00:00Z',
        timezone: 'UTC',
        bucket: 'week',
      },
      series: [
        point('2026-11-05T00:00:00Z', '2026-11-09T00:00:00Z', 3),
        point('2026-11-09T00:00:00Z', '2026-11-16T00:00:00Z', 11),
        point('2026-11-16T00:00:00Z', '2026-11-23T00:00:00Z', 12),
        point('2026-11-23T00:00:00Z', '2026-11-23T15:00:00Z', 1),
      ],
    } as any;
    await renderDora(<DeploymentsSparkline trend={trend} />);
    expect(
      await screen.findByRole('img', { name: /^Deployments per week/ }),
    ).toHaveAccessibleName('Deployments per week: 11, 12 (whole weeks only)');
  });
});
