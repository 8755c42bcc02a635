import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  DoraWarning,
  MetricsBody,
  WarningCode,
} from '@dora-metrics/plugin-dora-common';

const warningTitle: Record<WarningCode, string> = {
  NO_EVENTS: 'Nothing ingested yet',
  PULL_REQUEST_MODE: 'Measured from pull requests',
  NO_INCIDENT_SOURCE: 'No incident source',
  NO_PRODUCTION_DEPLOYMENTS: 'No production deployments',
  LEAD_TIME_FALLBACK_START: 'Lead time starts late for some changes',
  LEAD_TIME_NO_START: 'Changes left out of lead time',
  NEGATIVE_LEAD_TIME: 'Changes deployed before their first commit',
  NEGATIVE_RESTORE_TIME: 'Incidents resolved before they opened',
  CHANGE_FAILURE_RATE_ZERO: 'A change failure rate of zero',
  INVALID_ANNOTATION: 'An annotation could not be read',
};

/** The API's warnings, each with its message (which says how to fix its cause). */
export function WarningsPanel(props: {
  warnings: DoraWarning[];
  /** Leave out NO_EVENTS when the empty state already says it. */
  hide?: WarningCode[];
}) {
  const warnings = props.warnings.filter(w => !props.hide?.includes(w.code));
  if (warnings.length === 0) return null;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }} mb={2}>
      {warnings.map(warning => (
        <Alert
          key={warning.code}
          severity={warning.code === 'NO_EVENTS' ? 'info' : 'warning'}
        >
          <AlertTitle>{warningTitle[warning.code] ?? warning.code}</AlertTitle>
          {warning.message}
          {warning.entityRefs && warning.entityRefs.length > 0 && (
            <Typography variant="body2" component="div">
              Applies to:{' '}
              {warning.entityRefs.map((ref, i) => (
                <span key={ref}>
                  {i > 0 && ', '}
                  <EntityRefLink entityRef={ref} />
                </span>
              ))}
            </Typography>
          )}
        </Alert>
      ))}
    </Box>
  );
}

/**
 * Whether nothing was ever ingested: for a team, the warning names the
 * entities without events, and only all of them empty makes the team empty.
 */
function neverIngested(metrics: MetricsBody & { entities?: unknown[] }) {
  return metrics.warnings.some(
    w =>
      w.code === 'NO_EVENTS' &&
      (w.entityRefs === undefined ||
        w.entityRefs.length >= (metrics.entities?.length ?? 0)),
  );
}

/** Whether a body has nothing to show: nothing ingested, or no event in the window. */
export function isEmptyBody(metrics: MetricsBody): boolean {
  if (neverIngested(metrics)) return true;
  return (
    metrics.deploymentFrequency.count === 0 &&
    metrics.leadTime.sampleSize === 0 &&
    metrics.changeFailureRate.total === 0 &&
    (metrics.timeToRestore.sampleSize ?? 0) === 0 &&
    (metrics.timeToRestore.open ?? 0) === 0 &&
    metrics.pullRequests.merged === 0
  );
}

/** Where to read how to send events: `dora.ingestionDocsUrl` in app-config, if set. */
export function useIngestionDocsUrl(): string | undefined {
  const config = useApi(configApiRef);
  return config.getOptionalString('dora.ingestionDocsUrl');
}

/**
 * Where "How it is measured" links go: `dora.docsUrl` in app-config (read
 * like `dora.ingestionDocsUrl`). Without it there is no link: the project
 * has no published home for its docs yet, and a guessed one would be dead.
 */
export function useMetricsDocsUrl(): string | undefined {
  const config = useApi(configApiRef);
  return config.getOptionalString('dora.docsUrl');
}

const CURL_EXAMPLE = `curl -X POST "$BACKSTAGE_URL/api/dora/v1/events" \\
  -H "Authorization: Bearer $DORA_TOKEN" -H "Content-Type: application/json" \\
  -d '{"events":[{"kind":"deployment","source":"ci","id":"'$RUN_ID'",
       "entityRef":"ENTITY_REF","environment":"production",
       "status":"success","finishedAt":"'$(date -u +%FT%TZ)'"}]}'`;

/** How to send events: the configured docs, or a ready-to-copy example. */
export function IngestionHelp(props: { entityRef?: string }) {
  const docsUrl = useIngestionDocsUrl();
  if (docsUrl) {
    return (
      <Typography variant="body2">
        <Link to={docsUrl}>
          How to send events with POST /api/dora/v1/events (ingestion docs)
        </Link>
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">
        For example, from the deploy job of your pipeline:
      </Typography>
      <Box component="pre" fontSize="0.75rem" overflow="auto" m={0}>
        {CURL_EXAMPLE.replace(
          'ENTITY_REF',
          props.entityRef ?? 'component:default/my-service',
        )}
      </Box>
    </>
  );
}

/** The empty state: what is missing and how to send events. */
export function NothingIngested(props: {
  metrics: MetricsBody;
  subject?: string;
}) {
  const { metrics, subject = 'this service' } = props;
  const entityRef =
    'entityRef' in metrics ? String(metrics.entityRef) : undefined;
  const nothing = neverIngested(metrics);
  return (
    <Alert severity="info" role="status">
      <AlertTitle>
        {nothing
          ? `Nothing has been ingested for ${subject} yet`
          : `No deployment, change or incident of ${subject} in this window`}
      </AlertTitle>
      <Typography variant="body2" paragraph>
        DORA metrics are computed from deployment, change (pull request) and
        incident events.{' '}
        {nothing
          ? 'Send them from your delivery pipeline, your code host and your incident tool, or install a data-source module of the dora backend.'
          : 'Pick a longer window, or check that your pipeline still sends events.'}
      </Typography>
      <IngestionHelp entityRef={entityRef} />
    </Alert>
  );
}
