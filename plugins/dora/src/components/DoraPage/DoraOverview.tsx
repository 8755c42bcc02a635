import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { GroupMetrics } from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { MetricsQuery } from '../../api/types';
import { scorecardRouteRef } from '../../routes';
import { ComplianceView } from '../shared/Compliance';
import { metricColumns, serviceCountColumn } from '../shared/metricColumns';
import { orderByTree } from './teamTree';
import { useDoraWindow } from '../shared/useDoraWindow';
import { WindowPicker } from '../shared/WindowPicker';

/** The full ref of a group's parent (spec.parent may be a short name). */
function parentRef(group: Entity): string | undefined {
  const parent = group.spec?.parent;
  if (typeof parent !== 'string') return undefined;
  return stringifyEntityRef(
    parseEntityRef(parent, {
      defaultKind: 'group',
      defaultNamespace: group.metadata.namespace ?? 'default',
    }),
  );
}

type TeamRow = GroupMetrics & {
  id: string;
  title: string;
  type?: string;
  parentId?: string;
  depth: number;
};

/** Every team of the catalog side by side, pooled over the window. */
export function TeamsComparison(props: { query: MetricsQuery }) {
  const catalogApi = useApi(catalogApiRef);
  const doraApi = useApi(doraApiRef);
  const { query } = props;
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.type',
        'spec.parent',
      ],
    });
    const settled = await Promise.allSettled(
      items.map(group =>
        doraApi.getGroupMetrics(stringifyEntityRef(group), query),
      ),
    );
    const rows: Omit<TeamRow, 'depth'>[] = [];
    const failed: string[] = [];
    settled.forEach((result, i) => {
      const group = items[i];
      const ref = stringifyEntityRef(group);
      if (result.status === 'fulfilled') {
        rows.push({
          ...result.value,
          id: ref,
          title: group.metadata.title ?? group.metadata.name,
          type: (group.spec?.type as string | undefined) ?? undefined,
          parentId: parentRef(group),
        });
      } else {
        failed.push(ref);
      }
    });
    return { rows: orderByTree(rows), failed };
  }, [catalogApi, doraApi, query]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const columns: TableColumn<TeamRow>[] = [
    {
      title: 'Team',
      field: 'title',
      highlight: true,
      render: r => (
        <Box pl={r.depth * 2}>
          <EntityRefLink
            entityRef={r.groupRef}
            defaultKind="group"
            title={r.title}
          />
        </Box>
      ),
    },
    { title: 'Type', field: 'type' },
    serviceCountColumn<TeamRow>(),
    ...metricColumns<TeamRow>(),
  ];
  return (
    <>
      <Table<TeamRow>
        title="Teams"
        subtitle="Each team's services pooled, sub-teams included; sub-teams sit under their parent"
        columns={columns}
        data={value?.rows ?? []}
        options={{ paging: false, search: true, padding: 'dense' }}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            The catalog has no Group entities.
          </Typography>
        }
      />
      {value && value.failed.length > 0 && (
        <Typography variant="body2" color="error">
          Could not load: {value.failed.join(', ')}
        </Typography>
      )}
    </>
  );
}

/** Each scorecard with its compliance and a link to its services. */
export function ScorecardsOverview() {
  const doraApi = useApi(doraApiRef);
  const detailLink = useRouteRef(scorecardRouteRef);
  const { value, loading, error } = useAsync(async () => {
    const scorecards = await doraApi.getScorecards();
    return Promise.all(
      scorecards.map(async entry => ({
        entry,
        compliance: await doraApi.getScorecardCompliance(entry.scorecard.id),
      })),
    );
  }, [doraApi]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <InfoCard title="Scorecards">
        <Typography variant="body2">
          No scorecard is defined. Add one under dora.scorecards in app-config
          or with POST /api/dora/v1/scorecards.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <Grid container spacing={3}>
      {value.map(({ entry, compliance }) => (
        <Grid item xs={12} key={entry.scorecard.id}>
          <InfoCard
            title={entry.scorecard.title}
            subheader={entry.scorecard.description}
          >
            <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
              <Chip
                size="small"
                variant="outlined"
                label={
                  entry.source === 'config'
                    ? 'From app-config (read-only)'
                    : 'Managed through the API'
                }
              />
              <Typography variant="body2">
                Window {entry.scorecard.window ?? '30d'} · levels{' '}
                {entry.scorecard.levels.join(' < ')}
              </Typography>
            </Box>
            <ComplianceView
              compliance={compliance}
              title={entry.scorecard.title}
            />
            <Link to={detailLink({ scorecardId: entry.scorecard.id })}>
              Services by result: {entry.scorecard.title}
            </Link>
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}

/** The DORA page's start: teams side by side, then the scorecards. */
export function DoraOverview() {
  const { window, setPreset, setCustomRange, current } = useDoraWindow(30);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <WindowPicker
          window={window}
          onPresetChange={setPreset}
          onCustomRangeChange={setCustomRange}
        />
        <TeamsComparison query={current} />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2" gutterBottom>
          Scorecards
        </Typography>
        <ScorecardsOverview />
      </Grid>
    </Grid>
  );
}
