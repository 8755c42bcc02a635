import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { useDoraTabLink } from '../shared/doraTabLink';
import {
  formatDeploymentFrequency,
  formatDuration,
  formatPercent,
  plural,
  viewerTimeZone,
} from '../format';
import { caveatsOf, ratingOf } from '../shared/caveats';
import { BandChip, CaveatChips } from '../shared/Chips';
import { TileKind, tileTitle } from '../shared/MetricTiles';
import { isEmptyBody, useIngestionDocsUrl } from '../shared/Warnings';

export interface EntityDoraCardProps {
  /** Days of the window, ending now (default 30). */
  days?: number;
  /** Where "Open the DORA tab" goes; by default the entity's DORA tab on the card's window. */
  tabLink?: string;
}

/** The four DORA metrics of a service, compact, for its overview page. */
export function EntityDoraCard(props: EntityDoraCardProps) {
  const { days = 30 } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const doraTab = useDoraTabLink();
  const tabLink = props.tabLink ?? `${doraTab(entityRef)}?window=${days}d`;
  const api = useApi(doraApiRef);
  const docsUrl = useIngestionDocsUrl();
  const query = useMemo(() => {
    const to = DateTime.now();
    return {
      from: to.minus({ days }).toUTC().toISO()!,
      to: to.toUTC().toISO()!,
      timezone: viewerTimeZone(),
      bucket: 'week' as const,
    };
  }, [days]);
  const { value, loading, error } = useAsync(
    () => api.getEntityMetrics(entityRef, query),
    [api, entityRef, query],
  );

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value && isEmptyBody(value)) {
    content = (
      <Typography variant="body2">
        No deployment, change or incident in the last {plural(days, 'day')}.
        Send events with POST /api/dora/v1/events
        {docsUrl && (
          <>
            {' '}
            (<Link to={docsUrl}>ingestion docs</Link>)
          </>
        )}
        .
      </Typography>
    );
  } else if (value) {
    const rows: { kind: TileKind; value: string }[] = [
      {
        kind: 'deploymentFrequency',
        value: formatDeploymentFrequency(value.deploymentFrequency),
      },
      { kind: 'leadTime', value: formatDuration(value.leadTime.median) },
      {
        kind: 'changeFailureRate',
        value: formatPercent(value.changeFailureRate.ratio),
      },
      {
        kind: 'timeToRestore',
        value: formatDuration(value.timeToRestore.median),
      },
    ];
    const caveats = caveatsOf(value);
    content = (
      <>
        <List dense aria-label="DORA metrics">
          {rows.map(row => {
            const { band, notRated } = ratingOf(value, row.kind);
            return (
              <ListItem key={row.kind}>
                <ListItemText
                  primary={tileTitle[row.kind]}
                  secondary={
                    notRated ? `${row.value} (${notRated})` : row.value
                  }
                />
                <ListItemSecondaryAction>
                  <BandChip band={band} notRated={notRated} metric={row.kind} />
                </ListItemSecondaryAction>
              </ListItem>
            );
          })}
        </List>
        <CaveatChips caveats={caveats} />
        {value.warnings.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            {plural(value.warnings.length, 'warning')} about these numbers: see
            the DORA tab.
          </Typography>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="DORA metrics"
      subheader={`Last ${plural(days, 'day')}`}
      deepLink={{ title: 'Open the DORA tab', link: tabLink }}
    >
      {content}
    </InfoCard>
  );
}
