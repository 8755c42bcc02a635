import { Table } from '@backstage/core-components';
import { RollupEntityRow } from '@dora-metrics/plugin-dora-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { groupMetrics, TEAM } from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { metricColumns, shareColumn, shareText } from './metricColumns';

jest.setTimeout(30_000);

type Row = RollupEntityRow & { id: string };

function row(
  entityRef: string,
  change: (r: RollupEntityRow) => void = () => {},
): Row {
  const base = structuredClone(groupMetrics(TEAM).entities[0]);
  change(base);
  return { ...base, entityRef, id: entityRef };
}

const nameColumn = { title: 'Service', field: 'entityRef' };

async function renderTable(rows: Row[], pooled = 0) {
  await renderDora(
    <Table<Row>
      title="Services"
      columns={[nameColumn, shareColumn<Row>(pooled), ...metricColumns<Row>()]}
      data={rows}
      options={{ paging: false }}
    />,
  );
}

const rowOf = (name: string) => screen.getByText(name).closest('tr')!;

describe('metricColumns', () => {
  it('shows the caveat badges of each row: from pull requests, no incident data, small sample', async () => {
    await renderTable([
      row('component:default/from-prs', r => {
        r.mode = 'pull-requests';
        r.timeToRestore = {
          ...r.timeToRestore,
          source: null,
          sampleSize: null,
          median: null,
          band: null,
        };
        r.leadTime = { ...r.leadTime, sampleSize: 3 };
      }),
      row('component:default/clean', r => {
        r.mode = 'deployments';
        r.warnings = [];
        r.leadTime = { ...r.leadTime, sampleSize: 40 };
        r.changeFailureRate = { ...r.changeFailureRate, total: 40 };
        r.timeToRestore = {
          ...r.timeToRestore,
          source: 'incidents',
          sampleSize: 9,
        };
      }),
    ]);
    const prs = rowOf('component:default/from-prs');
    expect(within(prs).getByText('From pull requests')).toBeInTheDocument();
    expect(within(prs).getByText('No incident data')).toBeInTheDocument();
    expect(within(prs).getByText('Small sample')).toBeInTheDocument();
    await userEvent.hover(within(prs).getByText('Small sample'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      '3 changes: too few to rate (rated from 5)',
    );
    const clean = rowOf('component:default/clean');
    expect(within(clean).queryByText('Small sample')).not.toBeInTheDocument();
    expect(
      within(clean).queryByText('From pull requests'),
    ).not.toBeInTheDocument();
    expect(within(clean).queryByText('Not rated')).not.toBeInTheDocument();
  });

  it('gives no band in a table cell under the zero-failure warning', async () => {
    await renderTable([
      row('component:default/zero', r => {
        r.changeFailureRate = {
          ...r.changeFailureRate,
          failed: 0,
          total: 14,
          ratio: 0,
          band: 'elite',
        };
        r.warnings = [{ code: 'CHANGE_FAILURE_RATE_ZERO', message: 'zero' }];
      }),
    ]);
    const zero = rowOf('component:default/zero');
    const cell = within(zero).getByText('0 %').parentElement!;
    expect(within(cell).queryByText('Elite')).not.toBeInTheDocument();
    expect(within(cell).getByText('Not rated')).toBeInTheDocument();
    expect(within(zero).getByText('Zero failures')).toBeInTheDocument();
  });

  it("shows a service's deployments as its share of the team's pooled count", async () => {
    await renderTable(
      [
        row('component:default/a', r => {
          r.deploymentFrequency = { ...r.deploymentFrequency, count: 12 };
        }),
        row('component:default/b', r => {
          r.deploymentFrequency = { ...r.deploymentFrequency, count: 138 };
        }),
      ],
      150,
    );
    expect(
      within(rowOf('component:default/a')).getByText('12 (8 %)'),
    ).toBeInTheDocument();
    expect(
      within(rowOf('component:default/b')).getByText('138 (92 %)'),
    ).toBeInTheDocument();
  });

  it('writes the share with one decimal under 10 %, and the count alone of an empty pool', () => {
    expect(shareText(3, 40)).toBe('3 (7.5 %)');
    expect(shareText(0, 0)).toBe('0');
  });
});
