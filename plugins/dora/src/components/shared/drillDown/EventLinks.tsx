import Link from '@material-ui/core/Link';
import {
  DoraEventKind,
  MAX_EVENTS_IDS,
} from '@dora-metrics/plugin-dora-common';
import { Fragment, ReactNode } from 'react';
import { NO_VALUE } from '../../format';

/** Shows the events of a kind picked by id (a link from another list). */
export type FollowEvents = (kind: DoraEventKind, ids: string[]) => void;

/**
 * The event's page in its tool (pull request, run, incident), in a new tab,
 * when the event carries one; otherwise just the content.
 */
export function SourceLink(props: {
  event: { url?: string | null };
  children: ReactNode;
}) {
  const { url } = props.event;
  if (!url) return <>{props.children}</>;
  return (
    <Link href={url} target="_blank" rel="noopener noreferrer">
      {props.children}
    </Link>
  );
}

/**
 * Ids of related events, each of which shows that event's list; with more
 * than one, "all N" shows them together.
 */
export function EventIdLinks(props: {
  kind: DoraEventKind;
  ids: string[];
  onFollow: FollowEvents;
}) {
  const { kind, ids, onFollow } = props;
  if (ids.length === 0) return <>{NO_VALUE}</>;
  return (
    <>
      {ids.map((id, index) => (
        <Fragment key={id}>
          {index > 0 && ', '}
          <Link
            component="button"
            variant="body2"
            aria-label={`Show ${kind} ${id}`}
            onClick={() => onFollow(kind, [id])}
          >
            {id}
          </Link>
        </Fragment>
      ))}
      {ids.length > 1 && (
        <>
          {' · '}
          <Link
            component="button"
            variant="body2"
            aria-label={`Show these ${ids.length} ${kind}s`}
            onClick={() => onFollow(kind, ids.slice(0, MAX_EVENTS_IDS))}
          >
            all {ids.length}
          </Link>
        </>
      )}
    </>
  );
}
