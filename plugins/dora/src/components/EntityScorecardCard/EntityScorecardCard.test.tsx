import { screen, within } from '@testing-library/react';
import {
  CHECKOUT,
  componentEntity,
  createFakeDoraApi,
  EMPTY,
  exemptionEntry,
  FIXED_NOW,
  PAYMENTS,
  resultRecord,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { formatInstant, viewerTimeZone } from '../format';
import { formatDay } from '../shared/Chips';
import { EntityScorecardCard } from './EntityScorecardCard';

// Charts, tables and the engine behind the fake API are slow on 2 cores.
jest.setTimeout(30_000);

describe('EntityScorecardCard', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('shows the level reached and the rules that do not pass, each with a labelled chip', async () => {
    await renderDora(<EntityScorecardCard />, {
      entity: componentEntity(PAYMENTS),
    });
    const section = await screen.findByRole('region', {
      name: 'Delivery working agreements',
    });
    expect(within(section).getByText('Silver')).toBeInTheDocument();
    expect(
      within(section).getByText('4 pass · 1 warn · 1 fail · 0 no data'),
    ).toBeInTheDocument();
    const list = within(section).getByRole('list', {
      name: /rules not passing/,
    });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Warn');
    expect(items[0]).toHaveTextContent('Small pull requests');
    expect(items[0]).toHaveTextContent('431.8, agreed ≤ 400 (warn ≤ 500)');
    expect(items[1]).toHaveTextContent('Fail');
    expect(items[1]).toHaveTextContent('Lead time under a day');
    // One unit for the value and the agreement, a space before it.
    expect(items[1]).toHaveTextContent('32.5 h, agreed < 24 h');
  });

  it('says the window each result was evaluated on and when', async () => {
    await renderDora(<EntityScorecardCard />, {
      entity: componentEntity(PAYMENTS),
    });
    const section = await screen.findByRole('region', {
      name: 'Delivery working agreements',
    });
    expect(
      within(section).getByText(
        `Evaluated on the last 30 days on ${formatInstant(FIXED_NOW, viewerTimeZone())}`,
      ),
    ).toBeInTheDocument();
  });

  it('marks a rule without data as No data, never as a pass', async () => {
    await renderDora(<EntityScorecardCard />, {
      entity: componentEntity(CHECKOUT),
    });
    const list = await screen.findByRole('list', { name: /rules not passing/ });
    expect(within(list).getByText('No data')).toBeInTheDocument();
    expect(within(list).getByText('Restore within a day')).toBeInTheDocument();
    const item = within(list)
      .getAllByRole('listitem')
      .find(li => li.textContent?.includes('Restore within a day'));
    expect(item).toHaveTextContent('No data: no value in this window');
  });

  it('says so when no scorecard grades the service', async () => {
    await renderDora(<EntityScorecardCard />, {
      entity: componentEntity(EMPTY),
      api: createFakeDoraApi(),
    });
    expect(
      await screen.findByText(/No scorecard grades this service yet/),
    ).toBeInTheDocument();
  });

  it('shows an exempt rule as Exempt with its reason and expiry, neither pass nor fail (issue 16)', async () => {
    const exemption = exemptionEntry();
    const api = createFakeDoraApi({
      getScorecardResults: async () => [
        resultRecord(PAYMENTS, FIXED_NOW, { exemptions: [exemption] }),
      ],
    });
    await renderDora(<EntityScorecardCard />, {
      entity: componentEntity(PAYMENTS),
      api,
    });
    const section = await screen.findByRole('region', {
      name: 'Delivery working agreements',
    });
    // The failing gold rule is counted apart and no longer holds the level back.
    expect(
      within(section).getByText(
        '4 pass · 1 warn · 0 fail · 0 no data · 1 exempt',
      ),
    ).toBeInTheDocument();
    expect(within(section).getByText('Gold')).toBeInTheDocument();
    const list = within(section).getByRole('list', {
      name: /rules not passing/,
    });
    const item = within(list)
      .getAllByRole('listitem')
      .find(li => li.textContent?.includes('Lead time under a day'))!;
    expect(within(item).getByText('Exempt')).toBeInTheDocument();
    expect(within(item).queryByText('Fail')).not.toBeInTheDocument();
    expect(item).toHaveTextContent(
      `Exempt: ${exemption.reason}, until ${formatDay(exemption.expiresAt!, viewerTimeZone())}`,
    );
  });

  it('lists an announced rule apart with "Counts from" and its result, outside the level (issue 16)', async () => {
    const activeFrom = '2026-05-01T12:00:00Z';
    const api = createFakeDoraApi({
      getScorecardResults: async () => [
        resultRecord(PAYMENTS, FIXED_NOW, {
          stages: { 'lead-time-gold': { stage: 'announced', activeFrom } },
        }),
      ],
    });
    await renderDora(<EntityScorecardCard />, {
      entity: componentEntity(PAYMENTS),
      api,
    });
    const section = await screen.findByRole('region', {
      name: 'Delivery working agreements',
    });
    // Its fail does not count: the level is the one the other rules give.
    expect(within(section).getByText('Gold')).toBeInTheDocument();
    expect(
      within(section).getByText('4 pass · 1 warn · 0 fail · 0 no data'),
    ).toBeInTheDocument();
    const counted = within(section).getByRole('list', {
      name: /rules not passing/,
    });
    expect(counted).not.toHaveTextContent('Lead time under a day');
    const announced = within(section).getByRole('list', {
      name: /announced rules, not counted yet/,
    });
    expect(announced).toHaveTextContent(
      `Lead time under a day: Counts from ${formatDay(activeFrom, viewerTimeZone())}`,
    );
    expect(within(announced).getByText('Would fail')).toBeInTheDocument();
  });
});
