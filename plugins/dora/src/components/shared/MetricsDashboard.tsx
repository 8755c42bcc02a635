import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  GroupMetricsInclude,
  MetricsBody,
} from '@dora-metrics/plugin-dora-common';
import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DoraApi, doraApiRef } from '../../api/DoraApi';
import { plural } from '../format';
import { MetricsQuery } from '../../api/types';
import {
  ChangeFailureRateChart,
  DeploymentsChart,
  LeadTimeBreakdownChart,
  LeadTimeTrendChart,
  TimeToRestoreChart,
} from './Charts';
import { bandTargets, DurationUnits, durationUnits } from './chartUnits';
import { EventsDialog } from './EventsDialog';
import { tileDrillDown } from './drillDown/tileDrillDown';
import { useDrillDownParams } from './drillDown/useDrillDownParams';
import { DoraTiles, SecondaryTiles } from './MetricTiles';
import { DoraWindow, useDoraWindow, windowDays } from './useDoraWindow';
import { isEmptyBody, NothingIngested, WarningsPanel } from './Warnings';
import { WindowPicker } from './WindowPicker';

/**
 * What a dashboard shows: one entity, or a team pooled (`include`: what else
 * the team's sections need, fetched in the same request).
 */
export type DoraTarget =
  | { kind: 'entity'; entityRef: string }
  | { kind: 'group'; groupRef: string; include?: GroupMetricsInclude[] };

/**
 * The window's metrics and the previous window's: a service in two
 * requests, a team in one (its body includes the previous window).
 */
async function fetchPair<T extends MetricsBody>(
  api: DoraApi,
  target: DoraTarget,
  current: MetricsQuery,
  previous: MetricsQuery,
): Promise<{ current: T; previous?: MetricsBody }> {
  if (target.kind === 'group') {
    const body = await api.getGroupMetrics(target.groupRef, current, {
      include: [...(target.include ?? []), 'previous'],
    });
    return { current: body as MetricsBody as T, previous: body.previous };
  }
  const [now, before] = await Promise.all([
    api.getEntityMetrics(target.entityRef, current),
    api.getEntityMetrics(target.entityRef, previous).catch(() => undefined),
  ]);
  return { current: now as MetricsBody as T, previous: before };
}

/** The window's metrics and the previous window's, fetched together. */
export function useMetricsPair<T extends MetricsBody>(
  target: DoraTarget,
  current: MetricsQuery,
  previous: MetricsQuery,
) {
  const api = useApi(doraApiRef);
  const targetKey =
    target.kind === 'entity'
      ? target.entityRef
      : `${target.groupRef} ${target.include?.join(',') ?? ''}`;
  return useAsyncRetry(async () => {
    const pair = await fetchPair<T>(api, target, current, previous);
    // The query goes with the numbers: while the next window loads, these
    // are shown (marked as loading) under their own window, not the new one.
    return { ...pair, query: current };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, target.kind, targetKey, current, previous]);
}

export function previousLabel(window: Pick<DoraWindow, 'from' | 'to'>): string {
  const days = windowDays(window);
  return `previous ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * The four trend charts and the lead-time breakdown of a body; durations in
 * the units of their tiles, the next band to reach drawn as a line.
 */
export function TrendCharts(props: {
  metrics: MetricsBody;
  chartWidth?: number;
  units?: DurationUnits;
}) {
  const { metrics, chartWidth } = props;
  const units = props.units ?? durationUnits(metrics);
  const targets = bandTargets(metrics);
  const common = {
    series: metrics.series,
    timezone: metrics.window.timezone,
    bucket: metrics.window.bucket,
    width: chartWidth,
  };
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <DeploymentsChart {...common} />
      </Grid>
      <Grid item xs={12} md={6}>
        <LeadTimeTrendChart
          {...common}
          unit={units.leadTime}
          reference={targets.leadTime}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <LeadTimeBreakdownChart
          breakdown={metrics.leadTime.breakdown}
          unit={units.leadTime}
          width={chartWidth}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <ChangeFailureRateChart
          {...common}
          reference={targets.changeFailureRate}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <TimeToRestoreChart
          {...common}
          unit={units.timeToRestore}
          reference={targets.timeToRestore}
        />
      </Grid>
    </Grid>
  );
}

export interface MetricsDashboardProps<T extends MetricsBody> {
  target: DoraTarget;
  /** "this service", "this team": for the empty state. */
  subject: string;
  initialDays?: number;
  /** Fixed chart width (tests); by default charts fill their container. */
  chartWidth?: number;
  /** More sections below the charts, given the window's metrics. */
  children?: (metrics: T, query: MetricsQuery) => ReactNode;
  /**
   * Sections shown whatever the metrics (e.g. working agreements); as a
   * function, given the page's window (to say when it differs from theirs).
   */
  footer?: ReactNode | ((window: DoraWindow) => ReactNode);
}

/**
 * A window picker, the four tiles with their changes, the secondary
 * metrics, the trends, the warnings and the drill-down dialog.
 */
export function MetricsDashboard<T extends MetricsBody>(
  props: MetricsDashboardProps<T>,
) {
  const { target, subject, chartWidth, children, footer } = props;
  const {
    window,
    setPreset,
    setCustomRange,
    setBucket,
    setTimezone,
    current,
    previous,
  } = useDoraWindow(props.initialDays);
  const { value, loading, error } = useMetricsPair<T>(
    target,
    current,
    previous,
  );
  // The open drill-down lives in the URL, so a link reopens the same list.
  const drillDown = useDrillDownParams({ team: target.kind === 'group' });

  let body: ReactNode;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (value && isEmptyBody(value.current)) {
    body = (
      <>
        <NothingIngested metrics={value.current} subject={subject} />
        <WarningsPanel warnings={value.current.warnings} hide={['NO_EVENTS']} />
      </>
    );
  } else if (value) {
    const metrics = value.current;
    const shown = {
      from: Date.parse(value.query.from!),
      to: Date.parse(value.query.to!),
    };
    const against = previousLabel(shown);
    // One unit per duration metric for its tile and its chart alike.
    const units = durationUnits(metrics);
    body = (
      <>
        {loading && (
          <Box mb={2} role="status">
            <Progress />
            <Typography variant="body2">
              Loading the window picked; the numbers below are still those of
              the {plural(windowDays(shown), 'day')} shown before.
            </Typography>
          </Box>
        )}
        <Grid
          container
          spacing={3}
          aria-busy={loading}
          style={loading ? { opacity: 0.5 } : undefined}
        >
          <Grid item xs={12}>
            <WarningsPanel warnings={metrics.warnings} />
            <DoraTiles
              metrics={metrics}
              previous={value.previous}
              against={against}
              onOpen={tile => drillDown.setView(tileDrillDown(tile))}
              units={units}
            />
          </Grid>
          <Grid item xs={12}>
            <SecondaryTiles
              metrics={metrics}
              previous={value.previous}
              against={against}
              units={units}
            />
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Trends">
              <TrendCharts
                metrics={metrics}
                chartWidth={chartWidth}
                units={units}
              />
            </InfoCard>
          </Grid>
          {children && (
            <Grid item xs={12}>
              {children(metrics, value.query)}
            </Grid>
          )}
        </Grid>
      </>
    );
  }

  return (
    <>
      <WindowPicker
        window={window}
        onPresetChange={setPreset}
        onCustomRangeChange={setCustomRange}
        onBucketChange={setBucket}
        onTimezoneChange={setTimezone}
      />
      {body}
      {typeof footer === 'function' ? footer(window) : footer}
      {drillDown.view && (
        <EventsDialog
          view={drillDown.view}
          onViewChange={drillDown.setView}
          onClose={() => drillDown.setView(undefined)}
          entityRef={target.kind === 'entity' ? target.entityRef : undefined}
          groupRef={target.kind === 'group' ? target.groupRef : undefined}
          query={value?.query ?? current}
          timezone={window.timezone}
        />
      )}
    </>
  );
}
