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
import { useLocation } from 'react-router-dom';
import { EntityGroupDoraContent } from './EntityGroupDoraContent';
import { DeploymentsSparkline } from './ServiceTrends';

jest.setTimeout(60_000);

/** Shows the page's search params, to check what the page wrote. */
function Search() {
  return <output aria-label="search">{useLocation().search}</output>;
}

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
    // One request: the previous window, the services' series and the
    // sub-teams come in the team's body (issue 15; was 2 + 1 per sub-team).
    expect(api.getGroupMetrics).toHaveBeenCalledTimes(1);
    expect(api.getGroupMetrics).toHaveBeenCalledWith(TEAM, expect.anything(), {
      include: ['entitySeries', 'movers', 'subTeams', 'previous'],
    });
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
    // The trends come in the team's body: they change with its window.
    const { api } = await render();
    await screen.findAllByRole('img', { name: /^Deployments per week: / });
    await userEvent.selectOptions(
      screen.getByLabelText('Window'),
      'Last 7 days',
    );
    await screen.findByRole('columnheader', { name: 'Deployments per day' });
    expect(
      screen.queryAllByRole('img', { name: /^Deployments per week: / }),
    ).toHaveLength(0);
    expect(
      await screen.findAllByRole('img', { name: /^Deployments per day: / }),
    ).toHaveLength(3);
    expect(api.getEntityMetrics).not.toHaveBeenCalled();
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

  it('shows sub-teams as rows that link to their own DORA tab, from the team’s body', async () => {
    const { api } = await render();
    const link = await screen.findByRole('link', { name: /checkout-team/ });
    expect(link).toHaveAttribute(
      'href',
      expect.stringContaining('/catalog/default/group/checkout-team/dora'),
    );
    // include=subTeams: no request per sub-team (issue 15).
    expect(api.getGroupMetrics).not.toHaveBeenCalledWith(
      SUB_TEAM,
      expect.anything(),
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
    // Every scorecard's compliance in one request (issue 15).
    expect(api.getScorecardsCompliance).toHaveBeenCalledWith({
      groupRef: TEAM,
    });
    expect(api.getScorecardCompliance).not.toHaveBeenCalled();
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

  it('keeps the services table’s sort in the URL, with replace, other params kept (issue 15)', async () => {
    await renderDora(
      <>
        <EntityGroupDoraContent />
        <Search />
      </>,
      { entity: groupEntity(TEAM), routeEntries: ['/?window=30d&keep=1'] },
    );
    await screen.findByRole('link', { name: /payments-api/ });
    const servicesTable = screen
      .getAllByRole('table')
      .find(t => within(t).queryByRole('link', { name: /empty-service/ }))!;
    await userEvent.click(
      within(servicesTable).getAllByRole('button', {
        name: 'Deployment frequency',
      })[0],
    );
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'search' })).toHaveTextContent(
        '?window=30d&keep=1&sort=deploymentFrequency&dir=asc',
      ),
    );
  });

  it('opens with the services sorted as the URL says, so a reload keeps the sort (issue 15)', async () => {
    await renderDora(<EntityGroupDoraContent />, {
      entity: groupEntity(TEAM),
      routeEntries: ['/?sort=deploymentFrequency&dir=desc'],
    });
    await screen.findByRole('link', { name: /payments-api/ });
    const servicesTable = screen
      .getAllByRole('table')
      .find(t => within(t).queryByRole('link', { name: /empty-service/ }))!;
    expect(
      within(servicesTable)
        .getAllByRole('link')
        .map(a => a.textContent),
    ).toEqual(['payments-api', 'checkout-web', 'empty-service']);
  });

  it('links each service to its DORA tab with the window shown (issue 15)', async () => {
    await renderDora(<EntityGroupDoraContent />, {
      entity: groupEntity(TEAM),
      routeEntries: ['/?window=90d&bucket=month&tz=UTC'],
    });
    const link = await screen.findByRole('link', { name: /payments-api/ });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/dora?window=90d&bucket=month&tz=UTC',
    );
  });

  it('says the working agreements are unavailable, and why, when the scorecards fail to load', async () => {
    await render(
      createFakeDoraApi({
        getScorecards: async () => {
          throw new Error('scorecards are down');
        },
      }),
    );
    expect(
      await screen.findByText(
        'Working agreements unavailable: scorecards are down',
      ),
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
