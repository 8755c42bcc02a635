import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ANNOTATION_PRODUCTION_ENVIRONMENTS,
  EnvironmentRow,
  EnvironmentsResponse,
} from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';

const SOURCE_LABEL: Record<string, string> = {
  annotation: ANNOTATION_PRODUCTION_ENVIRONMENTS,
  config: 'dora.defaults.productionEnvironments',
  default: 'default',
};

/** Where the rule that decided came from, e.g. `prod* (dora/production-environments)`. */
function ruleText(row: EnvironmentRow, body: EnvironmentsResponse): string {
  if (row.rule === null) return 'no rule matched';
  const source = body.rules.find(r => r.rule === row.rule)?.source;
  return source ? `${row.rule} (${SOURCE_LABEL[source]})` : row.rule;
}

/**
 * The environments a service deployed to, which of them count as
 * production and the rule that decided: why a number is 0.
 */
export function EnvironmentsCard(props: { entityRef: string }) {
  const api = useApi(doraApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEnvironments(props.entityRef),
    [api, props.entityRef],
  );
  const columns: TableColumn<EnvironmentRow>[] = [
    { title: 'Environment', field: 'environment' },
    { title: 'Deployments', field: 'deployments', type: 'numeric' },
    {
      title: 'Last deployed',
      render: row =>
        new Date(row.lastDeployedAt)
          .toISOString()
          .slice(0, 16)
          .replace('T', ' '),
    },
    {
      title: 'Counts as production',
      render: row => (row.production ? 'yes' : 'no'),
    },
    { title: 'Rule', render: row => (value ? ruleText(row, value) : '') },
  ];
  return (
    <InfoCard title="Environments">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.environments.length === 0 && (
        <>No deployment was received for this service.</>
      )}
      {value && value.environments.length > 0 && (
        <Table
          options={{ paging: false, search: false, toolbar: false }}
          columns={columns}
          data={value.environments}
        />
      )}
    </InfoCard>
  );
}
