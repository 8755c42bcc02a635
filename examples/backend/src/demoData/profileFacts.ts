import { ServiceProfile } from './profiles';

/** Merges per week a profile produces. */
export function mergesPerWeek(profile: ServiceProfile): number {
  return profile.deployments
    ? profile.deployments.deploysPerWeek * profile.deployments.batchSize
    : (profile.pullRequestMergesPerWeek ?? 0);
}

/** The catalog ref of a profile's component. */
export function entityRefOf(profile: ServiceProfile): string {
  return `component:default/${profile.name}`;
}
