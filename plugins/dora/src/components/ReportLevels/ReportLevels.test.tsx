import {
  dora2024Benchmark,
  MetricsBody,
} from '@dora-metrics/plugin-dora-common';
import { screen, within } from '@testing-library/react';
import { entityMetrics, PAYMENTS } from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { ReportLevels } from './ReportLevels';

const DAY = 86_400;

/** A real body with the four report metrics set to chosen values. */
function bodyWith(values: {
  perDay: number;
  leadTime: number;
  cfr: number;
  recovery: number;
}): MetricsBody {
  const body = structuredClone(entityMetrics(PAYMENTS)) as MetricsBody;
  body.deploymentFrequency.perDay = values.perDay;
  body.leadTime.median = values.leadTime;
  body.changeFailureRate.ratio = values.cfr;
  body.failedDeploymentRecoveryTime.median = values.recovery;
  return body;
}

/**
 * High in 2024 everywhere; its change failure rate, 15 %, is above the
 * 2024 medium's 10 %, so reading the levels by threshold order would put
 * it below medium. In 2023, 15 % is medium's while the rest is high's.
 */
const highIn2024 = bodyWith({
  perDay: 0.5,
  leadTime: 2 * DAY,
  cfr: 0.15,
  recovery: 2 * 3600,
});

const section = (year: number) =>
  screen.getByRole('region', { name: new RegExp(`^DORA ${year}: `) });

describe('ReportLevels (issue 16)', () => {
  it('places a body High in 2024 although its change failure rate is above medium’s (non-monotonic levels)', async () => {
    await renderDora(<ReportLevels metrics={highIn2024} />);
    const y2024 = section(2024);
    expect(within(y2024).getByText('DORA 2024: High')).toBeInTheDocument();
    expect(within(y2024).getByText('High (DORA 2024)')).toBeInTheDocument();
    expect(
      within(y2024).getByText('Change failure rate (15 %): 20% → High'),
    ).toBeInTheDocument();
    // A threshold-order reading would rank 15 % below medium's 10 %.
    const medium = dora2024Benchmark.levels.find(l => l.level === 'medium')!;
    expect(medium.ranges['changeFailureRate.ratio'].max).toBeLessThan(0.15);
    expect(
      within(y2024).getByText(
        'Lead time (2 days): Between one day and one week → High',
      ),
    ).toBeInTheDocument();
    expect(
      within(y2024).getByText(
        'Deployment frequency (0.5/day): Between once per day and once per week → High',
      ),
    ).toBeInTheDocument();
    expect(
      within(y2024).getByText(
        'Failed deployment recovery time (2 h): Less than one day → High or Medium',
      ),
    ).toBeInTheDocument();
    expect(
      within(y2024).getByRole('link', { name: /State of DevOps Report 2024/ }),
    ).toHaveAttribute('href', 'https://dora.dev/research/2024/dora-report/');
  });

  it('says there is no level, and the closest, when the metrics fall in different levels', async () => {
    await renderDora(<ReportLevels metrics={highIn2024} />);
    const y2023 = section(2023);
    expect(within(y2023).getByText('DORA 2023: no level')).toBeInTheDocument();
    expect(
      within(y2023).getByText(
        'no level: metrics fall in different levels (closest: High)',
      ),
    ).toBeInTheDocument();
    expect(
      within(y2023).getByText('Change failure rate (15 %): 15% → Medium'),
    ).toBeInTheDocument();
    expect(
      within(y2023).getByRole('link', { name: /State of DevOps Report 2023/ }),
    ).toHaveAttribute('href', 'https://dora.dev/research/2023/dora-report/');
  });

  it('shows the newest report first, each badge with its year', async () => {
    await renderDora(<ReportLevels metrics={highIn2024} />);
    const badges = screen.getAllByText(/^DORA \d{4}: /);
    expect(badges.map(b => b.textContent)).toEqual([
      'DORA 2024: High',
      'DORA 2023: no level',
    ]);
  });
});
