import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  Band,
  MoverMetric,
  moverMetricDefinitions,
  moverMetrics,
  MoverRow,
  MoversResponse,
  rankMovers,
} from '@dora-metrics/plugin-dora-common';
import { captureDownloads, parseCsv } from '../../__testUtils__/downloads';
import { FIXED_NOW, TEAM } from '../../__testUtils__/fixtures';
import { fakeMovers } from '../../__testUtils__/moversFake';
import { renderDora } from '../../__testUtils__/render';
import { bandLabel } from '../format';
import { MoversSection } from './MoversSection';
import { changeText, fromToText } from './moverTexts';

jest.setTimeout(30_000);

const nameOf = (row: MoverRow) => row.title ?? row.ref.split('/')[1];

/** The names of a table's rows, in order. */
function rowNames(table: HTMLElement): string[] {
  return within(table)
    .queryAllByRole('link')
    .map(link => link.textContent ?? '');
}

async function pickMetric(metric: MoverMetric) {
  await userEvent.selectOptions(
    screen.getByLabelText('Metric'),
    moverMetricDefinitions[metric].title,
  );
}

const render = (movers: MoversResponse) =>
  renderDora(<MoversSection movers={movers} timezone="UTC" />);

describe('MoversSection', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('states the windows compared', async () => {
    await render(fakeMovers({}));
    expect(
      screen.getByText('Last 30 days against the 30 days before'),
    ).toBeInTheDocument();
  });

  it('ranks the biggest regressions and improvements of each metric in the order rankMovers gives', async () => {
    const movers = fakeMovers({});
    await render(movers);
    await userEvent.click(screen.getByRole('button', { name: 'Services' }));
    let ranked = 0;
    for (const metric of moverMetrics) {
      await pickMetric(metric);
      const expected = rankMovers(movers.services, metric);
      ranked += expected.regressions.length + expected.improvements.length;
      expect(
        rowNames(screen.getByRole('table', { name: /^Biggest regressions: / })),
      ).toEqual(expected.regressions.map(nameOf));
      expect(
        rowNames(
          screen.getByRole('table', { name: /^Biggest improvements: / }),
        ),
      ).toEqual(expected.improvements.map(nameOf));
    }
    // The fixtures move: the check above compared rows, not two empty lists.
    expect(ranked).toBeGreaterThan(0);
  });

  it('shows a ranked row’s change, both values and both bands, and links it to its DORA tab', async () => {
    const movers = fakeMovers({});
    const metric = moverMetrics.find(
      m => rankMovers(movers.services, m).regressions.length > 0,
    )!;
    const row = rankMovers(movers.services, metric).regressions[0];
    await render(movers);
    await userEvent.click(screen.getByRole('button', { name: 'Services' }));
    await pickMetric(metric);
    const table = screen.getByRole('table', { name: /^Biggest regressions: / });
    const link = within(table).getByRole('link', { name: nameOf(row) });
    expect(link).toHaveAttribute(
      'href',
      `/catalog/default/component/${row.ref.split('/')[1]}/dora`,
    );
    const cells = within(link.closest('tr')!).getAllByRole('cell');
    const change = row.changes[metric];
    // Worse: up for a duration or a ratio, down for a frequency.
    const sign = moverMetricDefinitions[metric].better === 'higher' ? '−' : '+';
    expect(cells[1]).toHaveTextContent(changeText(change));
    expect(cells[1].textContent!.startsWith(sign)).toBe(true);
    expect(cells[2]).toHaveTextContent(fromToText(change));
    const band = (b: Band | null) => (b ? bandLabel[b] : 'No band');
    expect(cells[4]).toHaveTextContent(
      `${band(change.previousBand)}→${band(change.currentBand)}`,
    );
  });

  it('lists small samples apart, unranked, and states the minimum of the metric', async () => {
    const movers = fakeMovers({});
    await render(movers);
    await userEvent.click(screen.getByRole('button', { name: 'Services' }));
    expect(
      screen.getByText(
        'Changes with fewer than 5 deployments in either window are not ranked.',
      ),
    ).toBeInTheDocument();
    const small = rankMovers(
      movers.services,
      'deploymentFrequency',
    ).smallSample;
    // The empty service has no deployment in either window.
    expect(small.map(r => r.ref)).toContain('component:default/empty-service');
    const table = screen.getByRole('table', {
      name: /^Too few events to rank: /,
    });
    expect(rowNames(table)).toEqual(small.map(nameOf));
    for (const name of ['Biggest regressions', 'Biggest improvements']) {
      expect(
        rowNames(screen.getByRole('table', { name: new RegExp(`^${name}`) })),
      ).not.toContain('empty-service');
    }
    await pickMetric('timeToRestore');
    expect(
      screen.getByText(
        'Changes with fewer than 3 restored incidents in either window are not ranked.',
      ),
    ).toBeInTheDocument();
  });

  it('counts the services per band now and before, each band named', async () => {
    const movers = fakeMovers({});
    await render(movers);
    await pickMetric('leadTime');
    const table = screen.getByRole('table', {
      name: 'Services per band: Lead time (median)',
    });
    const { now, then } = movers.distribution.leadTime;
    const labels = {
      elite: 'Elite',
      high: 'High',
      medium: 'Medium',
      low: 'Low',
      none: 'No band',
    };
    for (const [band, label] of Object.entries(labels)) {
      const row = within(table).getByText(label).closest('tr')!;
      const cells = within(row).getAllByRole('cell');
      expect(cells[1]).toHaveTextContent(
        String(then[band as keyof typeof then]),
      );
      expect(cells[2]).toHaveTextContent(String(now[band as keyof typeof now]));
    }
    const total = Object.values(now).reduce((a, b) => a + b, 0);
    expect(total).toBe(movers.services.length);
  });

  it('shows teams first and switches to services; without teams, no switch', async () => {
    const movers = fakeMovers({ groupRef: TEAM });
    const { unmount } = await render(movers);
    const teams = screen.getByRole('button', { name: 'Teams' });
    expect(teams).toHaveAttribute('aria-pressed', 'true');
    const all = () =>
      screen
        .getAllByRole('table', { name: /^(Biggest|Too few)/ })
        .flatMap(rowNames);
    await pickMetric('leadTime');
    const ranking = rankMovers(movers.teams, 'leadTime');
    const expected = [
      ...ranking.regressions,
      ...ranking.improvements,
      ...ranking.smallSample,
    ].map(nameOf);
    expect(expected.length).toBeGreaterThan(0);
    expect(all()).toEqual(expected);
    expect(all()).not.toContain('payments-api');
    await userEvent.click(screen.getByRole('button', { name: 'Services' }));
    expect(screen.getByRole('button', { name: 'Services' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(
      screen.getByRole('table', {
        name: /^Biggest regressions: .*, services$/,
      }),
    ).toBeInTheDocument();
    expect(all()).not.toContain('checkout-team');
    unmount();

    await render({ ...movers, teams: [] });
    expect(screen.queryByRole('button', { name: 'Teams' })).toBeNull();
    expect(
      screen.getByRole('table', {
        name: /^Biggest regressions: .*, services$/,
      }),
    ).toBeInTheDocument();
  });

  it('says so when there is nothing to compare', async () => {
    await render({ ...fakeMovers({}), teams: [], services: [] });
    expect(
      screen.getByText('No team or service to compare.'),
    ).toBeInTheDocument();
  });

  it('downloads the movers as CSV: a row per team or service and metric, with the changes shown', async () => {
    const saved = captureDownloads();
    const movers = fakeMovers({});
    await render(movers);
    await userEvent.click(
      screen.getByRole('button', { name: 'Download movers as CSV' }),
    );
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toMatch(/^dora-movers-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...lines] = parseCsv(await saved[0].text);
    const refs = [...movers.teams, ...movers.services].map(row => row.ref);
    expect(lines).toHaveLength(refs.length * moverMetrics.length);
    const column = (name: string) => header.indexOf(name);
    for (const line of lines) {
      const row = [...movers.teams, ...movers.services].find(
        r => r.ref === line[column('ref')],
      )!;
      const change = row.changes[line[column('metric')] as MoverMetric];
      expect(line[column('change')]).toBe(
        change.change === null ? '' : String(change.change),
      );
      expect(line[column('smallSample')]).toBe(String(change.smallSample));
    }
  });
});
