import Box from '@material-ui/core/Box';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityMetrics } from '@dora-metrics/plugin-dora-common';
import { MetricsDashboard } from '../shared/MetricsDashboard';
import { ReportLevels } from '../ReportLevels';
import { EnvironmentsCard } from '../EnvironmentsCard';
import { useScorecardResults } from '../shared/useScorecardResults';
import { PageWindow, WorkingAgreements } from '../shared/WorkingAgreements';

/**
 * The service's working agreements: every scorecard's result, rule by rule,
 * with the window they were evaluated on (and the page's, when it differs).
 */
export function EntityWorkingAgreements(props: {
  entityRef: string;
  pageWindow?: PageWindow;
}) {
  const { value, loading, error } = useScorecardResults({
    entityRef: props.entityRef,
  });
  return (
    <InfoCard title="Working agreements">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <WorkingAgreements
          records={value.records}
          scorecards={value.scorecards}
          pageWindow={props.pageWindow}
        />
      )}
    </InfoCard>
  );
}

export interface EntityDoraContentProps {
  /** Length of the first window shown, in days (default 30). */
  initialDays?: number;
  /** Fixed chart width; by default the charts fill their container. */
  chartWidth?: number;
}

/** The DORA tab of a service. */
export function EntityDoraContent(props: EntityDoraContentProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <MetricsDashboard<EntityMetrics>
      target={{ kind: 'entity', entityRef }}
      subject="this service"
      initialDays={props.initialDays}
      chartWidth={props.chartWidth}
      children={metrics => <ReportLevels metrics={metrics} />}
      footer={window => (
        <Box mt={3}>
          <EntityWorkingAgreements entityRef={entityRef} pageWindow={window} />
          <Box mt={3}>
            <EnvironmentsCard entityRef={entityRef} />
          </Box>
        </Box>
      )}
    />
  );
}
