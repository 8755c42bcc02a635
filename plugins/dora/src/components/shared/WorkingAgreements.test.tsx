import { DAY_MS } from '@dora-metrics/plugin-dora-common';
import { screen, within } from '@testing-library/react';
import {
  FIXED_NOW,
  PAYMENTS,
  resultRecord,
  scorecardEntries,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { formatInstant, viewerTimeZone } from '../format';
import { WorkingAgreements } from './WorkingAgreements';

jest.setTimeout(30_000);

const evaluated = `Evaluated on the last 30 days on ${formatInstant(FIXED_NOW, viewerTimeZone())}`;

describe('WorkingAgreements', () => {
  it("says the window the result was evaluated on (the scorecard's 30d) and when", async () => {
    await renderDora(
      <WorkingAgreements
        records={[resultRecord(PAYMENTS)]}
        scorecards={scorecardEntries}
      />,
    );
    expect(await screen.findByText(evaluated)).toBeInTheDocument();
  });

  it('says nothing more when the page shows the evaluated window', async () => {
    await renderDora(
      <WorkingAgreements
        records={[resultRecord(PAYMENTS)]}
        scorecards={scorecardEntries}
        pageWindow={{
          from: FIXED_NOW - 30 * DAY_MS,
          to: FIXED_NOW,
          preset: 30,
        }}
      />,
    );
    expect(await screen.findByText(evaluated)).toBeInTheDocument();
  });

  it("says so next to it when the page's window differs", async () => {
    await renderDora(
      <WorkingAgreements
        records={[resultRecord(PAYMENTS)]}
        scorecards={scorecardEntries}
        pageWindow={{
          from: FIXED_NOW - 90 * DAY_MS,
          to: FIXED_NOW,
          preset: 90,
        }}
      />,
    );
    expect(
      await screen.findByText(`${evaluated}; the page shows the last 90 days`),
    ).toBeInTheDocument();
  });

  it('names the dates of a custom page window', async () => {
    const from = FIXED_NOW - 60 * DAY_MS;
    const to = FIXED_NOW - 30 * DAY_MS;
    await renderDora(
      <WorkingAgreements
        records={[resultRecord(PAYMENTS)]}
        scorecards={scorecardEntries}
        pageWindow={{ from, to, preset: 'custom' }}
      />,
    );
    const tz = viewerTimeZone();
    expect(
      await screen.findByText(
        `${evaluated}; the page shows ${formatInstant(from, tz)} to ${formatInstant(to, tz)}`,
      ),
    ).toBeInTheDocument();
  });

  it("writes a duration rule's value and threshold in one unit", async () => {
    await renderDora(
      <WorkingAgreements
        records={[resultRecord(PAYMENTS)]}
        scorecards={scorecardEntries}
      />,
    );
    const row = (await screen.findByText('Lead time under a day')).closest(
      'tr',
    )!;
    // 32.5 h against 24 h: both in hours.
    expect(within(row).getByText('32.5 h')).toBeInTheDocument();
    expect(within(row).getByText('< 24 h')).toBeInTheDocument();
  });
});
