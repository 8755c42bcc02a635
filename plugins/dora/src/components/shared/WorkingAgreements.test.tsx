import { DAY_MS } from '@dora-metrics/plugin-dora-common';
import { screen, within } from '@testing-library/react';
import {
  exemptionEntry,
  FIXED_NOW,
  PAYMENTS,
  resultRecord,
  scorecardEntries,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { formatInstant, viewerTimeZone } from '../format';
import { formatDay } from './Chips';
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

  it('shows an exempt rule as Exempt with its reason, "no expiry" and what it evaluated to (issue 16)', async () => {
    const exemption = exemptionEntry({ expiresAt: null });
    await renderDora(
      <WorkingAgreements
        records={[
          resultRecord(PAYMENTS, FIXED_NOW, { exemptions: [exemption] }),
        ]}
        scorecards={scorecardEntries}
      />,
    );
    const row = (await screen.findByText('Lead time under a day')).closest(
      'tr',
    )!;
    expect(within(row).getByText('Exempt')).toBeInTheDocument();
    expect(within(row).queryByText('Fail')).not.toBeInTheDocument();
    expect(row).toHaveTextContent(
      `Exempt: ${exemption.reason}, no expiry (evaluated: fail)`,
    );
    expect(screen.getByText('✓ Gold: reached')).toBeInTheDocument();
  });

  it('shows announced rules apart, "Counts from" with their result, and not in the level (issue 16)', async () => {
    const activeFrom = '2026-05-01T12:00:00Z';
    await renderDora(
      <WorkingAgreements
        records={[
          resultRecord(PAYMENTS, FIXED_NOW, {
            stages: { 'lead-time-gold': { stage: 'announced', activeFrom } },
          }),
        ]}
        scorecards={scorecardEntries}
      />,
    );
    const counted = await screen.findByRole('table', {
      name: 'Delivery working agreements: rules',
    });
    expect(counted).not.toHaveTextContent('Lead time under a day');
    const announced = screen.getByRole('table', {
      name: 'Delivery working agreements: announced rules',
    });
    const row = within(announced)
      .getByText('Lead time under a day')
      .closest('tr')!;
    expect(
      within(row).getByText(
        `Counts from ${formatDay(activeFrom, viewerTimeZone())}`,
      ),
    ).toBeInTheDocument();
    expect(within(row).getByText('Would fail')).toBeInTheDocument();
    expect(screen.getByText('✓ Gold: reached')).toBeInTheDocument();
  });
});
