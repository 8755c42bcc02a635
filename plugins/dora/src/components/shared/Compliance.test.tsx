import { screen, within } from '@testing-library/react';
import { compliance, exemptionEntry, TEAM } from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { viewerTimeZone } from '../format';
import { formatDay } from './Chips';
import { ComplianceView } from './Compliance';

jest.setTimeout(30_000);

const rowOf = (table: HTMLElement, title: string) =>
  within(table).getByText(title).closest('tr')!;

describe('ComplianceView', () => {
  it('counts exempt services apart per rule, out of the pass rate (issue 16)', async () => {
    // One exemption for the team's subtree: both graded services are exempt.
    const body = compliance(TEAM, {
      exemptions: [
        exemptionEntry({ scope: { kind: 'group', groupRef: TEAM } }),
      ],
    });
    await renderDora(<ComplianceView compliance={body} title="Delivery" />);
    const table = screen.getByRole('table', {
      name: 'Delivery: compliance per rule',
    });
    const leadTime = rowOf(table, 'Lead time under a day');
    expect(within(leadTime).getByText('2 exempt')).toBeInTheDocument();
    // No service left to grade: no pass rate rather than 0 % or 100 %.
    expect(within(leadTime).getByText('No service graded')).toBeInTheDocument();
    const prSize = rowOf(table, 'Small pull requests');
    expect(within(prSize).getByText('0 exempt')).toBeInTheDocument();
  });

  it('shows announced rules in their own group with "Counts from" (issue 16)', async () => {
    const activeFrom = '2026-05-01T12:00:00Z';
    const body = compliance(undefined, {
      stages: { 'lead-time-gold': { stage: 'announced', activeFrom } },
    });
    await renderDora(<ComplianceView compliance={body} title="Delivery" />);
    const counted = screen.getByRole('table', {
      name: 'Delivery: compliance per rule',
    });
    expect(counted).not.toHaveTextContent('Lead time under a day');
    const announced = screen.getByRole('table', {
      name: 'Delivery: announced rules, not counted yet',
    });
    const row = rowOf(announced, 'Lead time under a day');
    expect(
      within(row).getByText(
        `Counts from ${formatDay(activeFrom, viewerTimeZone())}`,
      ),
    ).toBeInTheDocument();
    expect(
      within(announced).getByRole('columnheader', { name: 'Would fail' }),
    ).toBeInTheDocument();
  });
});
