import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { doraApiRef } from '../../../api/DoraApi';
import { DoraEventItem, MetricsQuery } from '../../../api/types';
import { DrillDownView } from '../drillDown/drillDownParams';
import { kindNoun } from '../drillDown/tileDrillDown';
import { eventsQuery } from '../drillDown/useEventPages';
import { fetchAllEvents, MAX_DOWNLOADED_EVENTS } from './allEvents';
import { DownloadCsvButton } from './DownloadCsvButton';
import { eventCsvColumns } from './eventCsvColumns';

/** The entity's name, for the file name. */
function subjectOf(ref?: string): string | undefined {
  return ref ? parseEntityRef(ref).name : undefined;
}

/**
 * The drill-down's download: on click, every page of the list's current
 * kind, filters and order (not only the pages loaded), up to a cap it states.
 */
export function DownloadEventsButton(props: {
  view: DrillDownView;
  entityRef?: string;
  groupRef?: string;
  query: MetricsQuery;
}) {
  const api = useApi(doraApiRef);
  const { view, entityRef, groupRef, query } = props;
  const nouns = kindNoun[view.kind][1];
  const load = async () => {
    const all = await fetchAllEvents(
      api,
      eventsQuery(view, { entityRef, groupRef, query }),
    );
    const note = all.capped
      ? `Downloaded the first ${all.items.length} of ${all.matching ?? 'more'} matching ${nouns}: narrow the filters for the rest.`
      : `Downloaded all ${all.items.length} matching ${nouns}.`;
    return { rows: all.items as DoraEventItem[], note };
  };
  return (
    <DownloadCsvButton<DoraEventItem>
      what={nouns}
      subject={subjectOf(groupRef ?? entityRef)}
      columns={eventCsvColumns(view.kind)}
      rows={load}
      hint={`Every matching ${kindNoun[view.kind][0]}, all pages (up to ${MAX_DOWNLOADED_EVENTS})`}
    />
  );
}
