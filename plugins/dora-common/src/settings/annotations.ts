/** Catalog annotations read by the DORA plugins. */

/** Comma-separated environment names that count as production. */
export const ANNOTATION_PRODUCTION_ENVIRONMENTS =
  'dora/production-environments';
/** `incidents` or `pipeline`: how change failure rate is measured. */
export const ANNOTATION_CHANGE_FAILURE_MODE = 'dora/change-failure-mode';
/** How long after a deployment an unlinked incident is blamed on it (`30m`, `1h`, `none`). */
export const ANNOTATION_ATTRIBUTION_WINDOW = 'dora/attribution-window';
/** Names the incident tool feeding this entity (`pagerduty`, `opsgenie`, `webhook`, ...). */
export const ANNOTATION_INCIDENT_SOURCE = 'dora/incident-source';

/** Reused from the PagerDuty plugin: resolves PagerDuty incidents to the entity. */
export const ANNOTATION_PAGERDUTY_SERVICE_ID = 'pagerduty.com/service-id';
/** Reused from the Opsgenie plugin. */
export const ANNOTATION_OPSGENIE_COMPONENT_SELECTOR =
  'opsgenie.com/component-selector';
/** Reused from the GitHub plugins: resolves changes by repository. */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';

/** Monorepos: comma-separated globs of the repository paths this entity owns (`services/payments/**`). */
export const ANNOTATION_PATHS = 'dora/paths';
/** Exclusion rules (entity, or a Group for its whole subtree): author patterns. */
export const ANNOTATION_EXCLUDE_AUTHORS = 'dora/exclude-authors';
/** Exclusion rules: label patterns. */
export const ANNOTATION_EXCLUDE_LABELS = 'dora/exclude-labels';
/** Exclusion rules: title patterns. */
export const ANNOTATION_EXCLUDE_TITLES = 'dora/exclude-titles';
/** Exclusion rules: `true` leaves out changes whose source says a bot wrote them. */
export const ANNOTATION_EXCLUDE_BOTS = 'dora/exclude-bots';
/**
 * What a deployment that shipped only excluded changes is: `count` (the
 * default: it reached production and can fail) or `skip` (left out of
 * deployment frequency and the change failure rate).
 */
export const ANNOTATION_EXCLUDED_DEPLOYMENTS = 'dora/excluded-deployments';
/** The exclusion annotations, which a Group passes down to its subtree. */
export const EXCLUSION_ANNOTATIONS = [
  ANNOTATION_EXCLUDE_AUTHORS,
  ANNOTATION_EXCLUDE_LABELS,
  ANNOTATION_EXCLUDE_TITLES,
  ANNOTATION_EXCLUDE_BOTS,
] as const;

/** Reused from the GitLab plugins: `group/subgroup/project`. */
export const ANNOTATION_GITLAB_PROJECT_SLUG = 'gitlab.com/project-slug';
/** Reused from the GitLab plugins: the numeric project id. */
export const ANNOTATION_GITLAB_PROJECT_ID = 'gitlab.com/project-id';
