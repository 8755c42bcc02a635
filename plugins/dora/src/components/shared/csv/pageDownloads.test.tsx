import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { parseEntityRef } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import {
  createFakeDoraApi,
  FIXED_NOW,
  groupEntity,
  PAYMENTS,
  scorecardEntries,
  SUB_TEAM,
  TEAM,
} from '../../../__testUtils__/fixtures';
import {
  captureDownloads,
  csvRecords,
  SavedFile,
} from '../../../__testUtils__/downloads';
import { renderDora } from '../../../__testUtils__/render';
import { capitalize } from '../../format';
import { DoraPage } from '../../DoraPage';
import { WorkingAgreements } from '../WorkingAgreements';

jest.setTimeout(60_000);

const catalogApi = catalogApiMock({
  entities: [groupEntity(TEAM), groupEntity(SUB_TEAM, [])],
});

const renderPage = (path: string) =>
  renderDora(
    <Routes>
      <Route path="/dora/*" element={<DoraPage />} />
    </Routes>,
    { catalogApi, routeEntries: [path] },
  );

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);

async function downloaded(saved: SavedFile[]) {
  await waitFor(() => expect(saved).toHaveLength(1));
  return { name: saved[0].name, records: csvRecords(await saved[0].text) };
}

describe('downloads of the DORA page and the service tab', () => {
  let saved: SavedFile[];
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
    saved = captureDownloads();
  });
  afterEach(() => jest.restoreAllMocks());

  it('downloads the teams table: each team shown, its ref, type and service count', async () => {
    await renderPage('/dora');
    // The teams table, not the Movers section's tables, which link teams too.
    const link = (
      await screen.findAllByRole('link', { name: 'commerce' })
    ).find(a => !a.closest('section[aria-label="Movers"]'))!;
    const table = link.closest('table')!;
    const shown = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => cellsOf(row).slice(0, 3));
    await userEvent.click(
      screen.getByRole('button', { name: 'Download teams as CSV' }),
    );
    const { name, records } = await downloaded(saved);
    expect(name).toBe('dora-teams-2026-03-31.csv');
    expect(records.map(r => [r.team, r.type, r.services])).toEqual(shown);
    expect(records.map(r => r.group_ref).sort()).toEqual([SUB_TEAM, TEAM]);
  });

  it('downloads a scorecard’s services by result with the level and counts shown', async () => {
    await renderPage('/dora/scorecards/delivery');
    const table = (await screen.findByText('Services by result')).closest(
      '[class*="MuiPaper"]',
    ) as HTMLElement;
    const shown = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => cellsOf(row).slice(0, 3));
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Download Delivery working agreements results as CSV',
      }),
    );
    const { records } = await downloaded(saved);
    expect(
      records.map(r => [
        parseEntityRef(r.service).name,
        capitalize(r.level),
        `${r.pass} · ${r.warn} · ${r.fail} · ${r.no_data}${
          r.exempt !== '0' ? ` (${r.exempt} exempt)` : ''
        }`,
      ]),
    ).toEqual(shown);
  });

  it('downloads a service’s rule results: each rule of the table with its raw actual and threshold', async () => {
    const records = await createFakeDoraApi().getScorecardResults({
      entityRef: PAYMENTS,
    });
    await renderDora(
      <WorkingAgreements records={records} scorecards={scorecardEntries} />,
    );
    const table = await screen.findByRole('table', {
      name: 'Delivery working agreements: rules',
    });
    const shown = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => cellsOf(row).slice(0, 2));
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Download Delivery working agreements rules as CSV',
      }),
    );
    const file = await downloaded(saved);
    expect(file.name).toBe(
      'dora-delivery-working-agreements-rules-payments-api-2026-03-31.csv',
    );
    const active = file.records.filter(r => r.announced === 'false');
    expect(active.map(r => [r.rule, capitalize(r.level)])).toEqual(shown);
    const rules = records[0].result.rules;
    expect(active.map(r => [r.result, r.actual, r.threshold])).toEqual(
      rules.map(rule => [
        rule.status,
        rule.actual === null ? '' : String(rule.actual),
        String(rule.threshold),
      ]),
    );
  });
});
