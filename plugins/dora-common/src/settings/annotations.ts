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
