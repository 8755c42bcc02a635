import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeDoraApi,
  FIXED_NOW,
  groupEntity,
  TEAM,
} from '../../../__testUtils__/fixtures';
import {
  captureDownloads,
  csvRecords,
  SavedFile,
} from '../../../__testUtils__/downloads';
import { renderDora } from '../../../__testUtils__/render';
import { capitalize, formatDeploymentFrequency } from '../../format';
import { EntityGroupDoraContent } from '../../EntityGroupDoraContent';

// Charts, tables and the engine behind the fake API are slow on 2 cores.
jest.setTimeout(60_000);

const render = (api = createFakeDoraApi()) =>
  renderDora(<EntityGroupDoraContent />, { api, entity: groupEntity(TEAM) });

/** The body rows of the table holding a link named `name`. */
function tableRowsWith(name: RegExp) {
  const table = screen
    .getAllByRole('table')
    .find(t => within(t).queryByRole('link', { name }))!;
  return within(table).getAllByRole('row').slice(1);
}

async function onlyFile(saved: SavedFile[]) {
  await waitFor(() => expect(saved).toHaveLength(1));
  return { name: saved[0].name, text: await saved[0].text };
}

describe('downloads of the group tab', () => {
  let saved: SavedFile[];
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
    saved = captureDownloads();
  });
  afterEach(() => jest.restoreAllMocks());

  it('downloads the services table as CSV, one line per row shown, with the values shown', async () => {
    await render();
    await screen.findByRole('link', { name: /payments-api/ });
    const shown = tableRowsWith(/empty-service/);
    await userEvent.click(
      screen.getByRole('button', { name: 'Download services as CSV' }),
    );
    const file = await onlyFile(saved);
    expect(file.name).toBe('dora-services-commerce-2026-03-31.csv');
    const records = csvRecords(file.text);
    expect(records).toHaveLength(shown.length);
    expect(records.map(r => parseEntityRef(r.service).name).sort()).toEqual(
      shown.map(row => within(row).getAllByRole('link')[0].textContent).sort(),
    );
    for (const record of records) {
      const row = shown.find(
        r =>
          within(r).getAllByRole('link')[0].textContent ===
          parseEntityRef(record.service).name,
      )!;
      const frequency = formatDeploymentFrequency({
        count: Number(record.deployments),
        perDay: Number(record.deployments_per_day),
      });
      expect(within(row).getByText(frequency)).toBeInTheDocument();
      expect(
        within(row).getAllByText(capitalize(record.deployment_frequency_band))
          .length,
      ).toBeGreaterThan(0);
    }
  });

  it('downloads the sub-teams table with each sub-team’s pooled service count', async () => {
    await render();
    await screen.findByRole('link', { name: 'checkout-team' });
    const shown = tableRowsWith(/^checkout-team$/);
    await userEvent.click(
      screen.getByRole('button', { name: 'Download sub-teams as CSV' }),
    );
    const records = csvRecords((await onlyFile(saved)).text);
    expect(records.map(r => [r.team, r.services])).toEqual(
      shown.map(row => [
        within(row).getByRole('link').textContent,
        within(row).getAllByRole('cell')[1].textContent,
      ]),
    );
  });

  it('downloads a scorecard’s compliance per rule with the counts the table shows', async () => {
    await render();
    const table = await screen.findByRole('table', {
      name: 'Delivery working agreements: compliance per rule',
    });
    const shown = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .slice(0, 7)
          .map(cell => cell.textContent),
      );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Download Delivery working agreements compliance as CSV',
      }),
    );
    const file = await onlyFile(saved);
    expect(file.name).toBe(
      'dora-delivery-working-agreements-compliance-commerce-2026-03-31.csv',
    );
    const active = csvRecords(file.text).filter(r => r.announced === 'false');
    expect(
      active.map(r => [
        r.rule,
        capitalize(r.level),
        r.pass,
        r.warn,
        r.fail,
        r.no_data,
        `${r.exempt} exempt`,
      ]),
    ).toEqual(shown);
  });

  it('asks for no report on load, then downloads the report of the tab’s window as CSV and JSON', async () => {
    const getGroupReport = jest.fn(
      async (_ref: string, _query: unknown, format: 'csv' | 'json') =>
        format === 'csv' ? 'section,metric\r\nteam,deployments\r\n' : '{"a":1}',
    );
    const { api } = await render(createFakeDoraApi({ getGroupReport }));
    await screen.findByRole('link', { name: /payments-api/ });
    expect(getGroupReport).not.toHaveBeenCalled();
    const window = api.getGroupMetrics.mock.calls[0][1]!;

    await userEvent.click(screen.getByRole('button', { name: 'Report (CSV)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(getGroupReport).toHaveBeenCalledWith(
      TEAM,
      expect.objectContaining({
        from: window.from,
        to: window.to,
        timezone: window.timezone,
      }),
      'csv',
    );
    const day = (iso?: string) => iso!.slice(0, 10);
    expect(saved[0].name).toBe(
      `dora-report-commerce-${day(window.from)}-${day(window.to)}.csv`,
    );
    expect(await saved[0].text).toBe('section,metric\r\nteam,deployments\r\n');

    await userEvent.click(
      screen.getByRole('button', { name: 'Report (JSON)' }),
    );
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(getGroupReport).toHaveBeenLastCalledWith(
      TEAM,
      expect.anything(),
      'json',
    );
    expect(saved[1].name).toMatch(/^dora-report-commerce-.*\.json$/);
    expect(saved[1].type).toMatch(/^application\/json/);
    expect(await saved[1].text).toBe('{"a":1}');
  });

  it('shows why a report failed and saves nothing', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'InputError', message: 'from must be before to' },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await render(
      createFakeDoraApi({ getGroupReport: jest.fn().mockRejectedValue(error) }),
    );
    await screen.findByRole('link', { name: /payments-api/ });
    await userEvent.click(screen.getByRole('button', { name: 'Report (CSV)' }));
    expect(
      (await screen.findAllByText(/from must be before to/)).length,
    ).toBeGreaterThan(0);
    expect(saved).toHaveLength(0);
  });
});
