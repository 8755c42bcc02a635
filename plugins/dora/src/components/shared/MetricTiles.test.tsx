import { MetricsBody } from '@dora-metrics/plugin-dora-common';
import { screen, within } from '@testing-library/react';
import { entityMetrics, PAYMENTS } from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { DoraTiles, SecondaryTiles } from './MetricTiles';

jest.setTimeout(30_000);

const DOCS = 'https://docs.example.com/dora/metrics.md';

const tile = (title: string) =>
  screen
    .getByRole('heading', { name: title })
    .closest('.MuiCard-root')! as HTMLElement;

/** The payments fixture with some numbers replaced. */
function withChanges(change: (body: MetricsBody) => void): MetricsBody {
  const body = structuredClone(entityMetrics(PAYMENTS));
  change(body);
  return body;
}

describe('DoraTiles and SecondaryTiles explain their numbers', () => {
  it('every tile says what it counts and links to its section of the metric docs at dora.docsUrl', async () => {
    const metrics = entityMetrics(PAYMENTS);
    await renderDora(
      <>
        <DoraTiles metrics={metrics} against="previous 30 days" />
        <SecondaryTiles metrics={metrics} against="previous 30 days" />
      </>,
      { config: { dora: { docsUrl: DOCS } } },
    );
    const df = tile('Deployment frequency');
    expect(
      within(df).getByText(
        'Successful production deployments; redeploys of the same version are not counted',
      ),
    ).toBeInTheDocument();
    expect(
      within(df).getByRole('link', { name: /^How it is measured/ }),
    ).toHaveAttribute(
      'href',
      `${DOCS}#deployment-frequency`,
    );
    expect(
      within(tile('Lead time for changes')).getByRole('link', {
        name: /^How it is measured/,
      }),
    ).toHaveAttribute(
      'href',
      `${DOCS}#lead-time-for-changes`,
    );
    expect(
      within(tile('Pull requests')).getByRole('link', {
        name: /^How it is measured/,
      }),
    ).toHaveAttribute(
      'href',
      `${DOCS}#pull-request-working-agreements`,
    );
    expect(
      screen.getAllByRole('link', { name: /^How it is measured/ }),
    ).toHaveLength(7);
  });

  it('without dora.docsUrl a tile still says what it counts, with no link to guess at', async () => {
    await renderDora(
      <DoraTiles
        metrics={entityMetrics(PAYMENTS)}
        against="previous 30 days"
      />,
    );
    const cfr = tile('Change failure rate');
    expect(
      within(cfr).getByText(/^Production deployments followed by/),
    ).toBeInTheDocument();
    expect(
      within(cfr).queryByRole('link', { name: /^How it is measured/ }),
    ).toBeNull();
  });

  it('gives no band to a zero change failure rate the page warns about', async () => {
    const metrics = withChanges(body => {
      body.changeFailureRate = {
        ...body.changeFailureRate,
        failed: 0,
        total: 12,
        ratio: 0,
        band: 'elite',
      };
      body.warnings.push({
        code: 'CHANGE_FAILURE_RATE_ZERO',
        message: 'A zero rate over 12 deployments',
      });
    });
    await renderDora(
      <DoraTiles metrics={metrics} against="previous 30 days" />,
    );
    const cfr = tile('Change failure rate');
    expect(within(cfr).queryByText('Elite')).not.toBeInTheDocument();
    expect(within(cfr).getByText('Not rated')).toBeInTheDocument();
    expect(
      within(cfr).getByText(
        '0 % over 12 deployments: incidents are probably not reaching the plugin, so not rated',
      ),
    ).toBeInTheDocument();
  });

  it('gives no band to a sample below the minimum, and states the minimum', async () => {
    const metrics = withChanges(body => {
      body.changeFailureRate = {
        ...body.changeFailureRate,
        failed: 0,
        total: 3,
        ratio: 0,
        band: 'elite',
      };
      body.leadTime = { ...body.leadTime, sampleSize: 1 };
    });
    await renderDora(
      <DoraTiles metrics={metrics} against="previous 30 days" />,
    );
    const cfr = tile('Change failure rate');
    expect(within(cfr).queryByText('Elite')).not.toBeInTheDocument();
    expect(
      within(cfr).getByText('3 deployments: too few to rate (rated from 5)'),
    ).toBeInTheDocument();
    expect(
      within(cfr).getByText('0 of 3 deployments failed'),
    ).toBeInTheDocument();
    const lt = tile('Lead time for changes');
    expect(
      within(lt).getByText('1 change: too few to rate (rated from 5)'),
    ).toBeInTheDocument();
    expect(within(lt).getByText(/^Median of 1 change,/)).toBeInTheDocument();
  });

  it('writes counts with their plural (1 deployment, 2 days)', async () => {
    const metrics = withChanges(body => {
      body.deploymentFrequency = {
        ...body.deploymentFrequency,
        count: 1,
        deploymentDays: 1,
      };
    });
    await renderDora(
      <DoraTiles metrics={metrics} against="previous 30 days" />,
    );
    expect(
      within(tile('Deployment frequency')).getByText('1 deployment on 1 day'),
    ).toBeInTheDocument();
  });

  it('writes duration tiles in the unit given for their kind', async () => {
    const metrics = entityMetrics(PAYMENTS);
    await renderDora(
      <>
        <DoraTiles
          metrics={metrics}
          against="previous 30 days"
          units={{ leadTime: 'days', timeToRestore: 'minutes' }}
        />
        <SecondaryTiles
          metrics={metrics}
          against="previous 30 days"
          units={{ pullRequests: 'minutes' }}
        />
      </>,
    );
    // 32.5 h is 1.4 days; 1.8 h is 105 min (the fixture's medians).
    expect(
      within(tile('Lead time for changes')).getByText('1.4 days'),
    ).toBeInTheDocument();
    const ttr = tile('Time to restore service');
    expect(
      within(ttr).getByText(
        `${Math.round(metrics.timeToRestore.median! / 60)} min`,
      ),
    ).toBeInTheDocument();
    expect(
      within(tile('Pull requests')).getByText(
        /First review: median \d+ min, p75 \d+ min/,
      ),
    ).toBeInTheDocument();
  });
});
