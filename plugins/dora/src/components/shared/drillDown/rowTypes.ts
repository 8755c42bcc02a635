import { DoraEventItem } from '../../../api/types';
import { FollowEvents } from './EventLinks';

export type DeploymentItem = Extract<
  DoraEventItem,
  { event: { kind: 'deployment' } }
>;
export type ChangeItem = Extract<DoraEventItem, { event: { kind: 'change' } }>;
export type IncidentItem = Extract<
  DoraEventItem,
  { event: { kind: 'incident' } }
>;

/** What every row of the drill-down gets besides its item. */
export interface RowProps<T> {
  item: T;
  timezone: string;
  /** A team's list: each row names its service. */
  showEntity: boolean;
  onFollow: FollowEvents;
}
