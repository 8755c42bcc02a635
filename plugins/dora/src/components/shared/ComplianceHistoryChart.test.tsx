import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  exemptionEntry,
  FIXED_NOW,
  PAYMENTS,
  resultRecord,
} from '../../__testUtils__/fixtures';
import { ComplianceHistoryChart } from './ComplianceHistoryChart';

// Charts are slow to draw on 2 cores.
jest.setTimeout(30_000);

const DAY = 86_400_000;

describe('ComplianceHistoryChart tells pass, warn, fail and no data apart in words', () => {
  const history = [14, 7, 0].map(daysAgo =>
    resultRecord(PAYMENTS, FIXED_NOW - daysAgo * DAY),
  );
  const counts = (status: string) =>
    history[1].result.rules.filter(rule => rule.status === status).length;

  it('names each status in the legend, in stack order, and in the tooltip with a count of rules', async () => {
    await renderInTestApp(
      <ComplianceHistoryChart
        history={history}
        title="Compliance history"
        timezone="UTC"
        emptyReason="Not evaluated"
        width={400}
        tooltipIndex={1}
      />,
    );
    const chart = screen.getByRole('figure', { name: 'Compliance history' });
    const legend = Array.from(
      chart.querySelectorAll('.recharts-legend-item-text'),
    ).map(item => item.textContent);
    expect(legend).toEqual(['Pass', 'Warn', 'Fail', 'No data']);

    const tooltip = Array.from(
      chart.querySelectorAll('.recharts-tooltip-item'),
    ).map(item => item.textContent);
    const rules = (n: number) => `${n} ${n === 1 ? 'rule' : 'rules'}`;
    expect(tooltip).toEqual(
      expect.arrayContaining([
        `Pass : ${rules(counts('pass'))}`,
        `Warn : ${rules(counts('warn'))}`,
        `Fail : ${rules(counts('fail'))}`,
      ]),
    );
    // The evaluation's date labels the bar, in the given zone.
    expect(chart.querySelector('.recharts-tooltip-label')?.textContent).toBe(
      'Mar 24, 2026, 00:00',
    );
    expect(
      screen.getByText(/^Latest: Pass \d+, Warn \d+, Fail \d+, No data \d+$/),
    ).toBeInTheDocument();
  });

  it('says why when there is no history', async () => {
    const { container } = await renderInTestApp(
      <ComplianceHistoryChart
        history={[]}
        title="Compliance history"
        timezone="UTC"
        emptyReason="Not evaluated in the last 90 days"
        width={400}
      />,
    );
    expect(
      screen.getByText('Not evaluated in the last 90 days'),
    ).toBeInTheDocument();
    expect(container.querySelector('.recharts-wrapper')).toBeNull();
  });

  it('draws exempt rules as their own series, named Exempt (issue 16)', async () => {
    const exempted = [7, 0].map(daysAgo =>
      resultRecord(PAYMENTS, FIXED_NOW - daysAgo * DAY, {
        exemptions: [exemptionEntry()],
      }),
    );
    await renderInTestApp(
      <ComplianceHistoryChart
        history={exempted}
        title="Compliance history"
        timezone="UTC"
        emptyReason="Not evaluated"
        width={400}
      />,
    );
    const chart = screen.getByRole('figure', { name: 'Compliance history' });
    const legend = Array.from(
      chart.querySelectorAll('.recharts-legend-item-text'),
    ).map(item => item.textContent);
    expect(legend).toEqual(['Pass', 'Warn', 'Fail', 'No data', 'Exempt']);
    const exempt = exempted[1].result.rules.filter(
      rule => rule.status === 'exempt',
    ).length;
    expect(exempt).toBeGreaterThan(0);
    expect(
      screen.getByText(new RegExp(`^Latest: .*, Exempt ${exempt}$`)),
    ).toBeInTheDocument();
  });
});
