import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  moverCsvRows,
  MoverMetric,
  moverMetricDefinitions,
  moverMetrics,
  MoversResponse,
  rankMovers,
} from '@dora-metrics/plugin-dora-common';
import { DownloadCsvButton } from '../shared/csv';
import { moverCsvColumns } from './moverCsvColumns';
import { useState } from 'react';
import { BandDistributionTable, MoverScope, MoverTable } from './MoverTables';
import { minimumSampleText, windowsText } from './moverTexts';

const scopeLabel: Record<MoverScope, string> = {
  teams: 'Teams',
  services: 'Services',
};

/**
 * Who moved most between the window and the one of the same length before:
 * per metric the biggest regressions and improvements of the teams or the
 * services, small samples apart and never ranked, and the services per band
 * then and now.
 */
export function MoversSection(props: {
  movers: MoversResponse;
  /** The timezone the window's days are told in. */
  timezone: string;
}) {
  const { movers, timezone } = props;
  const [metric, setMetric] = useState<MoverMetric>('deploymentFrequency');
  const scopes = (['teams', 'services'] as const).filter(
    scope => movers[scope].length > 0,
  );
  const [picked, setScope] = useState<MoverScope>(scopes[0] ?? 'services');
  const scope = scopes.includes(picked) ? picked : (scopes[0] ?? 'services');
  const title = moverMetricDefinitions[metric].title;
  const ranking = rankMovers(movers[scope], metric);
  const of = `${title}, ${scopeLabel[scope].toLocaleLowerCase('en-US')}`;

  let body;
  if (scopes.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No team or service to compare.
      </Typography>
    );
  } else {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} lg={6}>
          <Typography variant="subtitle1" component="h3">
            Biggest regressions
          </Typography>
          <MoverTable
            label={`Biggest regressions: ${of}`}
            rows={ranking.regressions}
            metric={metric}
            scope={scope}
            empty="No regression to rank in this window."
          />
        </Grid>
        <Grid item xs={12} lg={6}>
          <Typography variant="subtitle1" component="h3">
            Biggest improvements
          </Typography>
          <MoverTable
            label={`Biggest improvements: ${of}`}
            rows={ranking.improvements}
            metric={metric}
            scope={scope}
            empty="No improvement to rank in this window."
          />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="subtitle1" component="h3">
            Too few events to rank
          </Typography>
          <Typography variant="body2" paragraph>
            {minimumSampleText(metric, movers.minimumSample)}
          </Typography>
          {ranking.smallSample.length > 0 && (
            <MoverTable
              label={`Too few events to rank: ${of}`}
              rows={ranking.smallSample}
              metric={metric}
              scope={scope}
              empty=""
            />
          )}
        </Grid>
        {movers.services.length > 0 && (
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle1" component="h3">
              Services per band
            </Typography>
            <BandDistributionTable
              label={`Services per band: ${title}`}
              metric={metric}
              distribution={movers.distribution[metric]}
            />
          </Grid>
        )}
      </Grid>
    );
  }

  return (
    <section aria-label="Movers">
      <InfoCard title="Movers" subheader={windowsText(movers.window, timezone)}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          mb={2}
          style={{ gap: 16 }}
        >
          <TextField
            select
            id="dora-movers-metric"
            label="Metric"
            value={metric}
            onChange={e => setMetric(e.target.value as MoverMetric)}
            SelectProps={{ native: true }}
            size="small"
            variant="outlined"
          >
            {moverMetrics.map(m => (
              <option key={m} value={m}>
                {moverMetricDefinitions[m].title}
              </option>
            ))}
          </TextField>
          {scopes.length > 1 && (
            <ButtonGroup size="small" aria-label="Teams or services">
              {scopes.map(s => (
                <Button
                  key={s}
                  aria-pressed={s === scope}
                  variant={s === scope ? 'contained' : 'outlined'}
                  color="primary"
                  onClick={() => setScope(s)}
                >
                  {scopeLabel[s]}
                </Button>
              ))}
            </ButtonGroup>
          )}
          <DownloadCsvButton
            what="movers"
            columns={moverCsvColumns}
            rows={moverCsvRows(movers)}
          />
        </Box>
        {body}
      </InfoCard>
    </section>
  );
}
