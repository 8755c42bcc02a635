import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import {
  createFakeDoraApi,
  FIXED_NOW,
  groupEntity,
  PAYMENTS,
  SUB_TEAM,
  TEAM,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { DoraPage } from './DoraPage';

jest.setTimeout(30_000);

const catalogApi = catalogApiMock({
  entities: [groupEntity(TEAM), groupEntity(SUB_TEAM, [])],
});

/** A team's link in the teams table (the movers link to it too). */
const teamLink = (name: string) =>
  waitFor(() => {
    const link = screen
      .getAllByRole('link', { name })
      .find(a => !a.closest('section[aria-label="Movers"]'));
    if (!link) throw new Error(`no link ${name} in the teams table yet`);
    return link;
  });

const renderPage = (path: string, api = createFakeDoraApi()) =>
  renderDora(
    <Routes>
      <Route path="/dora/*" element={<DoraPage />} />
    </Routes>,
    { api, catalogApi, routeEntries: [path] },
  );

describe('DoraPage', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('shows every team of the catalog side by side with pooled metrics and bands', async () => {
    const { api } = await renderPage('/dora');
    const commerce = await teamLink('commerce');
    const row = commerce.closest('tr')!;
    expect(within(row).getByText('3')).toBeInTheDocument();
    expect(
      within(row).getAllByText(/High|Medium|Elite|Low/).length,
    ).toBeGreaterThan(0);
    const sub = (await teamLink('checkout-team')).closest('tr')!;
    expect(within(sub).getByText('1')).toBeInTheDocument();
    // Every team pooled in one request (issue 15; was one per team).
    expect(api.getGroupsMetrics).toHaveBeenCalledTimes(1);
    expect(api.getGroupsMetrics).toHaveBeenCalledWith(
      [TEAM, SUB_TEAM],
      expect.anything(),
    );
    expect(api.getGroupMetrics).not.toHaveBeenCalled();
  });

  it('asks for the teams’ metrics over the window picked', async () => {
    const { api } = await renderPage('/dora');
    await teamLink('commerce');
    await userEvent.selectOptions(
      screen.getByLabelText('Window'),
      'Last 90 days',
    );
    await waitFor(() =>
      expect(api.getGroupsMetrics).toHaveBeenCalledWith(
        [TEAM, SUB_TEAM],
        expect.objectContaining({
          from: new Date(FIXED_NOW - 90 * 86_400_000).toISOString(),
        }),
      ),
    );
  });

  it('links each team to its DORA tab with the window shown, under its display name (issue 15)', async () => {
    const titled = groupEntity(SUB_TEAM, []);
    titled.spec = { ...titled.spec, profile: { displayName: 'Checkout' } };
    await renderDora(
      <Routes>
        <Route path="/dora/*" element={<DoraPage />} />
      </Routes>,
      {
        catalogApi: catalogApiMock({ entities: [groupEntity(TEAM), titled] }),
        routeEntries: ['/dora?window=90d&bucket=month&tz=UTC'],
      },
    );
    const link = await screen.findByRole('link', { name: 'Checkout' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout-team/dora?window=90d&bucket=month&tz=UTC',
    );
    expect(
      screen.getByRole('link', {
        name: 'Services by result: Delivery working agreements',
      }),
    ).toHaveAttribute(
      'href',
      '/dora/scorecards/delivery?window=90d&bucket=month&tz=UTC',
    );
  });

  it('opens with the teams sorted as the URL says (issue 15)', async () => {
    await renderPage('/dora?sort=services&dir=asc');
    await teamLink('commerce');
    const teams = screen
      .getAllByRole('table')
      .find(t => within(t).queryByRole('link', { name: 'commerce' }))!;
    expect(
      within(teams)
        .getAllByRole('link')
        .map(a => a.textContent),
    ).toEqual(['checkout-team', 'commerce']);
  });

  it('shows each scorecard with per-rule pass rates and the levels reached', async () => {
    await renderPage('/dora');
    const table = await screen.findByRole('table', {
      name: 'Delivery working agreements: compliance per rule',
    });
    const row = within(table).getByText('Lead time under a day').closest('tr')!;
    expect(within(row).getByText('0 %')).toBeInTheDocument();
    expect(screen.getByText('From app-config (read-only)')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Bronze: 2 of 2 reached; Silver: 1 of 2 reached; Gold: 0 of 2 reached/,
      ),
    ).toBeInTheDocument();
  });

  it('opens a scorecard’s services by result, best level first, each with its history', async () => {
    const { api } = await renderPage('/dora');
    await userEvent.click(
      await screen.findByRole('link', {
        name: 'Services by result: Delivery working agreements',
      }),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Delivery working agreements',
      }),
    ).toBeInTheDocument();
    const services = await screen.findAllByRole('link', {
      name: /-api$|-web$/,
    });
    expect(services.map(s => s.textContent)).toEqual([
      'payments-api',
      'checkout-web',
    ]);
    const payments = services[0].closest('tr')!;
    expect(within(payments).getByText('Silver')).toBeInTheDocument();
    expect(within(payments).getByText('4 · 1 · 1 · 0')).toBeInTheDocument();
    // The history is a chart with axes whose statuses are named in words.
    const latest = await within(payments).findByText(
      'Latest: Pass 4, Warn 1, Fail 1, No data 0',
    );
    expect(latest.closest('figure')).toHaveAccessibleName(
      'Compliance history of payments-api, last 90 days',
    );
    expect(api.getScorecardHistory).toHaveBeenCalledWith(
      'delivery',
      expect.objectContaining({ entityRef: PAYMENTS }),
    );
    expect(services[0]).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/dora',
    );
    await userEvent.click(
      screen.getByRole('link', { name: 'Back to the DORA overview' }),
    );
    expect(await teamLink('commerce')).toBeInTheDocument();
  });

  it('says so when a scorecard does not exist', async () => {
    await renderPage('/dora/scorecards/nope');
    expect(await screen.findByText('No scorecard nope')).toBeInTheDocument();
  });
});
