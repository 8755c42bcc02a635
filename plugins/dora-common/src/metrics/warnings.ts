import { AnalysisNotes } from '../engine/analyzeEntity';
import { ChangeFailureRate } from './changeFailureRate';
import { EntityTraits } from './windowStats';

export type WarningCode =
  | 'NO_EVENTS'
  | 'PULL_REQUEST_MODE'
  | 'NO_INCIDENT_SOURCE'
  | 'NO_PRODUCTION_DEPLOYMENTS'
  | 'LEAD_TIME_FALLBACK_START'
  | 'LEAD_TIME_NO_START'
  | 'NEGATIVE_LEAD_TIME'
  | 'NEGATIVE_RESTORE_TIME'
  | 'CHANGE_FAILURE_RATE_ZERO'
  /** Added by the backend: an annotation could not be read. */
  | 'INVALID_ANNOTATION';

/** Something that makes a number less trustworthy, and how to fix its cause. */
export interface DoraWarning {
  code: WarningCode;
  message: string;
  /** How many events or entities the warning is about, when it counts them. */
  count?: number;
  /** In a team rollup: the entities it applies to. */
  entityRefs?: string[];
}

const ZERO_FAILURE_MIN_TOTAL = 10;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

type CountedNote = Exclude<
  keyof AnalysisNotes,
  'nonProductionEnvironments' | 'eventCount'
>;

const countedNotes: {
  note: CountedNote;
  code: WarningCode;
  message: (n: number) => string;
}[] = [
  {
    note: 'leadTimeFallbackStart',
    code: 'LEAD_TIME_FALLBACK_START',
    message: n =>
      `${plural(n, 'change')} had no firstCommitAt, so their lead time starts at the pull request's opening (else its merge) and is understated. Send firstCommitAt with change events.`,
  },
  {
    note: 'leadTimeNoStart',
    code: 'LEAD_TIME_NO_START',
    message: n =>
      `${plural(n, 'shipped change')} had no firstCommitAt, openedAt or mergedAt and were left out of lead time. Send at least firstCommitAt with change events.`,
  },
  {
    note: 'negativeLeadTime',
    code: 'NEGATIVE_LEAD_TIME',
    message: n =>
      `${plural(n, 'change')} were deployed before their first commit (clock skew or a wrong link) and were left out of lead time. Check the clocks of your CI and the changeIds or commitSha of your deployment events.`,
  },
  {
    note: 'negativeRestoreTime',
    code: 'NEGATIVE_RESTORE_TIME',
    message: n =>
      `${plural(n, 'incident')} resolved before they opened and were left out of time to restore. Check the incident source's timestamps.`,
  },
];

/** The warnings of one entity or a pooled team, each with how to fix its cause. */
export function warningsFor(
  entities: EntityTraits[],
  changeFailure: ChangeFailureRate,
  isTeam: boolean,
): DoraWarning[] {
  const warnings: DoraWarning[] = [];
  const add = (
    code: WarningCode,
    affected: EntityTraits[],
    message: string,
    count?: number,
  ) => {
    if (affected.length === 0) return;
    const warning: DoraWarning = { code, message };
    if (count !== undefined) warning.count = count;
    if (isTeam) warning.entityRefs = affected.map(a => a.entityRef);
    warnings.push(warning);
  };
  const scope = (affected: EntityTraits[]) =>
    isTeam ? `${plural(affected.length, 'entity')} of this team: ` : '';

  const empty = entities.filter(a => a.notes.eventCount === 0);
  add(
    'NO_EVENTS',
    empty,
    `${scope(empty)}Nothing has been ingested yet. Post deployment, change and incident events to POST /api/dora/v1/events, or install a data-source module.`,
  );

  const prMode = entities.filter(a => a.mode === 'pull-requests');
  add(
    'PULL_REQUEST_MODE',
    prMode,
    `${scope(prMode)}No deployment event was ever received, so each merged change counts as a production deployment at its merge (deploy time 0). Post deployment events from your delivery pipeline to measure real deployments.`,
  );

  const noSource = entities.filter(a => !a.hasIncidentSource);
  add(
    'NO_INCIDENT_SOURCE',
    noSource,
    `${scope(noSource)}No incident source is connected, so time to restore is not reported (it is never estimated from deployments). Add the pagerduty.com/service-id, opsgenie.com/component-selector or dora/incident-source annotation, or post incident events.`,
  );

  const nonProduction = entities.filter(
    a => a.notes.nonProductionEnvironments.length > 0,
  );
  const environments = [
    ...new Set(nonProduction.flatMap(a => a.notes.nonProductionEnvironments)),
  ].sort();
  add(
    'NO_PRODUCTION_DEPLOYMENTS',
    nonProduction,
    `${scope(nonProduction)}Deployments were received for ${environments.join(', ')}, but none of them is a production environment, so nothing counts. If one of them is production, list it (or a pattern such as prod*) in the dora/production-environments annotation.`,
  );

  for (const { note, code, message } of countedNotes) {
    const affected = entities.filter(a => a.notes[note] > 0);
    const total = affected.reduce((sum, a) => sum + a.notes[note], 0);
    add(code, affected, message(total), total);
  }

  if (
    changeFailure.ratio === 0 &&
    changeFailure.total >= ZERO_FAILURE_MIN_TOTAL
  ) {
    add(
      'CHANGE_FAILURE_RATE_ZERO',
      entities,
      `No failed change among ${changeFailure.total} deployments. A zero rate over a real window usually means incidents are not reaching DORA: check the incident source, and that incidents name a deploymentId or changeId or open within the attribution window.`,
      changeFailure.total,
    );
  }
  return warnings;
}
