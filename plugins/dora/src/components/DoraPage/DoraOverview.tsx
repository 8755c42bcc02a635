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
} from '@backstage/core-components';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { GroupsMetricsRow } from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { MetricsQuery } from '../../api/types';
import { scorecardRouteRef } from '../../routes';
import { ComplianceView, withCompliance } from '../shared/Compliance';
import { ScrollTable } from '../shared/ScrollTable';
import { metricColumns, serviceCountColumn } from '../shared/metricColumns';
import { useUrlSort } from '../EntityGroupDoraContent/urlSort';
import { useDoraTabLink, useWindowSearch } from '../shared/doraTabLink';
import { orderByTree } from './teamTree';
import { useDoraWindow } from '../shared/useDoraWindow';
import { WindowPicker } from '../shared/WindowPicker';
import { InitiativesSection } from '../Initiatives';
import { NewScorecardButton } from '../ScorecardEditor';
import { CatalogMovers } from '../Movers';
import { DownloadCsvButton, teamCsvColumns } from '../shared/csv';

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

/** A group's display name: its profile's, else its title, else its name. */
function displayName(group: Entity): string {
  const profile = (group.spec?.profile ?? {}) as { displayName?: unknown };
  return typeof profile.displayName === 'string'
    ? profile.displayName
    : (group.metadata.title ?? group.metadata.name);
}

type TeamRow = GroupsMetricsRow & {
  id: string;
  title: string;
  type?: string;
  parentId?: string;
  depth: number;
};

/**
 * Every team of the catalog side by side, pooled over the window: the
 * catalog lists the teams, one `GET /groups/metrics` pools them all.
 */
export function TeamsComparison(props: { query: MetricsQuery }) {
  const catalogApi = useApi(catalogApiRef);
  const doraApi = useApi(doraApiRef);
  const doraTab = useDoraTabLink();
  const { query } = props;
  // The teams do not depend on the window: listed once, not on each change.
  const groups = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.type',
        'spec.parent',
        'spec.profile.displayName',
      ],
    });
    return items;
  }, [catalogApi]);
  const { value, loading, error } = useAsync(async () => {
    const items = groups.value;
    if (!items) return undefined;
    const refs = items.map(group => stringifyEntityRef(group));
    const answer = await doraApi.getGroupsMetrics(refs, query);
    const byRef = new Map(
      answer.items.map(row => [row.groupRef.toLocaleLowerCase('en-US'), row]),
    );
    const rows: Omit<TeamRow, 'depth'>[] = [];
    const failed: string[] = [];
    items.forEach((group, i) => {
      const row = byRef.get(refs[i].toLocaleLowerCase('en-US'));
      if (row) {
        rows.push({
          ...row,
          id: refs[i],
          title: displayName(group),
          type: (group.spec?.type as string | undefined) ?? undefined,
          parentId: parentRef(group),
        });
      } else {
        failed.push(refs[i]);
      }
    });
    return { rows: orderByTree(rows), failed };
  }, [doraApi, groups.value, query]);

  const sort = useUrlSort<TeamRow>([
    {
      title: 'Team',
      field: 'title',
      highlight: true,
      render: r => (
        <Box pl={r.depth * 2}>
          <Link to={doraTab(r.groupRef, 'group')}>{r.title}</Link>
        </Box>
      ),
    },
    { title: 'Type', field: 'type' },
    serviceCountColumn<TeamRow>(),
    ...metricColumns<TeamRow>(),
  ]);

  if (groups.loading || loading) return <Progress />;
  if (groups.error || error) {
    return <ResponseErrorPanel error={(groups.error ?? error)!} />;
  }
  return (
    <>
      <ScrollTable>
        <DownloadCsvButton
          what="teams"
          columns={teamCsvColumns<TeamRow>()}
          rows={value?.rows ?? []}
        />
        <Table<TeamRow>
          title="Teams"
          subtitle="Each team's services pooled, sub-teams included; sub-teams sit under their parent"
          columns={sort.columns}
          onOrderChange={sort.onOrderChange}
          data={value?.rows ?? []}
          options={{ paging: false, search: true, padding: 'dense' }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              The catalog has no Group entities.
            </Typography>
          }
        />
      </ScrollTable>
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
  const windowSearch = useWindowSearch();
  // Two requests whatever the number of scorecards.
  const { value, loading, error } = useAsync(async () => {
    const [scorecards, compliances] = await Promise.all([
      doraApi.getScorecards(),
      doraApi.getScorecardsCompliance(),
    ]);
    return withCompliance(scorecards, compliances);
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
            <Link
              to={`${detailLink({ scorecardId: entry.scorecard.id })}${windowSearch}`}
            >
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
  const { window, setPreset, setCustomRange, setTimezone, current } =
    useDoraWindow(30);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <WindowPicker
          window={window}
          onPresetChange={setPreset}
          onCustomRangeChange={setCustomRange}
          onTimezoneChange={setTimezone}
        />
        <TeamsComparison query={current} />
      </Grid>
      <Grid item xs={12}>
        <CatalogMovers query={current} timezone={window.timezone} />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2" gutterBottom>
          Scorecards
        </Typography>
        <NewScorecardButton />
        <ScorecardsOverview />
      </Grid>
      <Grid item xs={12}>
        <InitiativesSection />
      </Grid>
    </Grid>
  );
}
