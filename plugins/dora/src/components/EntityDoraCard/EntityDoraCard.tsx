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
import { Band } from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import {
  formatDeploymentFrequency,
  formatDuration,
  formatPercent,
  viewerTimeZone,
} from '../format';
import { BandChip } from '../shared/Chips';
import { tileTitle } from '../shared/MetricTiles';
import { isEmptyBody, useIngestionDocsUrl } from '../shared/Warnings';

export interface EntityDoraCardProps {
  /** Days of the window, ending now (default 30). */
  days?: number;
  /** A link to the DORA tab, e.g. `./dora`. */
  tabLink?: string;
}

/** The four DORA metrics of a service, compact, for its overview page. */
export function EntityDoraCard(props: EntityDoraCardProps) {
  const { days = 30, tabLink } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
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
        No deployment, change or incident in the last {days} days. Send events
        with POST /api/dora/v1/events
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
    const rows: { title: string; value: string; band: Band | null }[] = [
      {
        title: tileTitle.deploymentFrequency,
        value: formatDeploymentFrequency(value.deploymentFrequency),
        band: value.deploymentFrequency.band,
      },
      {
        title: tileTitle.leadTime,
        value: formatDuration(value.leadTime.median),
        band: value.leadTime.band,
      },
      {
        title: tileTitle.changeFailureRate,
        value: formatPercent(value.changeFailureRate.ratio),
        band: value.changeFailureRate.band,
      },
      {
        title: tileTitle.timeToRestore,
        value: formatDuration(value.timeToRestore.median),
        band: value.timeToRestore.band,
      },
    ];
    content = (
      <>
        <List dense aria-label="DORA metrics">
          {rows.map(row => (
            <ListItem key={row.title}>
              <ListItemText primary={row.title} secondary={row.value} />
              <ListItemSecondaryAction>
                <BandChip band={row.band} />
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
        {value.warnings.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            {value.warnings.length === 1
              ? '1 warning'
              : `${value.warnings.length} warnings`}{' '}
            about these numbers: see the DORA tab.
          </Typography>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="DORA metrics"
      subheader={`Last ${days} days`}
      deepLink={
        tabLink ? { title: 'Open the DORA tab', link: tabLink } : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
