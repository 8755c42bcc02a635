import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeDoraApi,
  FIXED_NOW,
  TEAM,
} from '../../__testUtils__/fixtures';
import { captureDownloads, parseCsv } from '../../__testUtils__/downloads';
import { fakeGroupTrend } from '../../__testUtils__/moversFake';
import { renderDora } from '../../__testUtils__/render';
import { TeamTrend } from './TeamTrend';

jest.setTimeout(30_000);

/** The period cells of the trend's rows, oldest first. */
function periods(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent ?? '');
}

describe('TeamTrend', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('asks for nothing until opened, then shows one row per quarter, the running one to date', async () => {
    const api = createFakeDoraApi();
    await renderDora(<TeamTrend groupRef={TEAM} timezone="UTC" />, { api });
    expect(api.getGroupTrend).not.toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show trend by quarter' }),
    );
    const table = await screen.findByRole('table', {
      name: 'Trend by quarter',
    });
    expect(api.getGroupTrend).toHaveBeenCalledTimes(1);
    expect(api.getGroupTrend).toHaveBeenCalledWith(TEAM, {
      period: 'quarter',
      count: 4,
      timezone: 'UTC',
    });
    // FIXED_NOW is Mar 31, 2026: the first quarter of 2026 is running.
    expect(periods(table)).toEqual([
      'Q2 2025',
      'Q3 2025',
      'Q4 2025',
      'Q1 2026 (to date)',
    ]);
  });

  it('shows each period’s four metrics pooled, with bands', async () => {
    await renderDora(<TeamTrend groupRef={TEAM} timezone="UTC" />);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show trend by quarter' }),
    );
    const table = await screen.findByRole('table', {
      name: 'Trend by quarter',
    });
    const current = fakeGroupTrend(TEAM, { period: 'quarter', count: 4 })
      .rows[3].metrics;
    const row = within(table).getByText('Q1 2026 (to date)').closest('tr')!;
    const cells = within(row).getAllByRole('cell');
    expect(cells).toHaveLength(5);
    // The team deployed in the quarter: a rate and a band, not a dash.
    expect(current.deploymentFrequency.count).toBeGreaterThan(0);
    expect(cells[1]).toHaveTextContent(/\d\/(day|week|month)/);
    expect(
      within(cells[1]).getByLabelText(/^Band: (Elite|High|Medium|Low)$/),
    ).toBeInTheDocument();
    // A quarter without events: no value, no band.
    const empty = within(table).getByText('Q2 2025').closest('tr')!;
    expect(within(empty).getAllByText('No band').length).toBeGreaterThan(0);
  });

  it('switches to months, one request per period picked', async () => {
    const api = createFakeDoraApi();
    await renderDora(<TeamTrend groupRef={TEAM} timezone="UTC" />, { api });
    await userEvent.click(
      screen.getByRole('button', { name: 'Show trend by quarter' }),
    );
    await screen.findByRole('table', { name: 'Trend by quarter' });
    await userEvent.click(screen.getByRole('button', { name: 'Month' }));
    const table = await screen.findByRole('table', { name: 'Trend by month' });
    expect(screen.getByRole('button', { name: 'Month' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(periods(table)).toEqual([
      'Oct 2025',
      'Nov 2025',
      'Dec 2025',
      'Jan 2026',
      'Feb 2026',
      'Mar 2026 (to date)',
    ]);
    expect(api.getGroupTrend).toHaveBeenCalledTimes(2);
    expect(api.getGroupTrend).toHaveBeenLastCalledWith(TEAM, {
      period: 'month',
      count: 6,
      timezone: 'UTC',
    });
  });

  it('downloads the trend as CSV: one line per period with its pooled numbers', async () => {
    const saved = captureDownloads();
    const api = createFakeDoraApi();
    await renderDora(<TeamTrend groupRef={TEAM} timezone="UTC" />, { api });
    await userEvent.click(
      screen.getByRole('button', { name: 'Show trend by quarter' }),
    );
    await screen.findByRole('table', { name: 'Trend by quarter' });
    const answer = await api.getGroupTrend.mock.results[0].value;
    await userEvent.click(
      screen.getByRole('button', { name: 'Download trend by quarter as CSV' }),
    );
    const [header, ...lines] = parseCsv(await saved[0].text);
    expect(lines.map(line => line[header.indexOf('period')])).toEqual(
      answer.rows.map((row: { label: string }) => row.label),
    );
    expect(lines.map(line => line[header.indexOf('deployments')])).toEqual(
      answer.rows.map(
        (row: { metrics: { deploymentFrequency: { count: number } } }) =>
          String(row.metrics.deploymentFrequency.count),
      ),
    );
  });
});
