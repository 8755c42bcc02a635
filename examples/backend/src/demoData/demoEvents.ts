import type {
  ChangeEvent,
  DeploymentEvent,
  IncidentEvent,
} from '@dora-metrics/plugin-dora-common';

/** `T` with the fields `K` always set (the ingest schema lets them be missing). */
type WithFields<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> };

// The ingest event types, narrowed to what the generator always fills in,
// so the simulation and its tests need no null checks.
export type DemoDeploymentEvent = WithFields<
  DeploymentEvent,
  'startedAt' | 'version' | 'commitSha' | 'deploymentKind'
>;
export type DemoChangeEvent = WithFields<
  ChangeEvent,
  | 'repository'
  | 'title'
  | 'author'
  | 'firstCommitAt'
  | 'additions'
  | 'deletions'
  | 'reviewCount'
  | 'labels'
>;
export type DemoIncidentEvent = WithFields<IncidentEvent, 'title' | 'severity'>;
export type DemoEvent =
  DemoDeploymentEvent | DemoChangeEvent | DemoIncidentEvent;
