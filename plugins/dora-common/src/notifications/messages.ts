import type { SignalObservation } from './observations';
import type { SignalSend } from './signalState';
import { doraTabPath, parseEntityRefLoosely } from './doraTabPath';

/** A notification as sent: the Backstage payload's fields this plugin sets. */
export interface SignalMessage {
  title: string;
  description: string;
  /** An app path, e.g. `/catalog/default/component/payments-api/dora`. */
  link: string;
  severity: 'high' | 'normal' | 'low';
  topic: string;
  /** One per signal and message type: a later one of the same replaces it in the inbox. */
  scope: string;
}

const METRIC_NAMES: Record<string, string> = {
  deploymentFrequency: 'Deployment frequency',
  leadTime: 'Lead time for changes',
  changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore service',
};

/** The entity's name for a title: `payments-api`, or `group:payments` outside the default namespace. */
function shortName(entityRef: string): string {
  const ref = parseEntityRefLoosely(entityRef);
  return ref.namespace === 'default'
    ? ref.name
    : `${ref.namespace}/${ref.name}`;
}

const labelOf = (observation: SignalObservation, rank: number) =>
  observation.labels[rank] ?? `rank ${rank}`;

/** The notification of a settled change of a rule, a level or a metric band. */
export function signalMessage(
  observation: SignalObservation,
  send: SignalSend,
): SignalMessage {
  const name = shortName(observation.subjectRef);
  const from = labelOf(observation, send.from);
  const to = labelOf(observation, send.to);
  const breach = send.type === 'breach';
  const base = {
    link: doraTabPath(observation.subjectRef),
    severity: breach ? ('high' as const) : ('normal' as const),
    scope: `dora:${observation.key}:${send.type}`,
  };
  switch (observation.kind) {
    case 'ruleFailed':
      return {
        ...base,
        topic: 'DORA scorecard rules',
        title: breach
          ? `${name}: "${observation.title}" fails`
          : `${name}: "${observation.title}" passes again`,
        description: breach
          ? `The rule "${observation.title}" of scorecard ${observation.scorecardId} went from passing to failing for ${observation.subjectRef}.`
          : `The rule "${observation.title}" of scorecard ${observation.scorecardId} passes again for ${observation.subjectRef}.`,
      };
    case 'levelLost':
      return {
        ...base,
        topic: 'DORA scorecard levels',
        title: breach
          ? `${name} lost ${from} on ${observation.scorecardId}`
          : `${name} is back at ${to} on ${observation.scorecardId}`,
        description: breach
          ? `${observation.subjectRef} went from ${from} to ${to} on scorecard ${observation.scorecardId}.`
          : `${observation.subjectRef} went from ${from} back to ${to} on scorecard ${observation.scorecardId}.`,
      };
    case 'metricBand':
    default: {
      const metric = METRIC_NAMES[observation.title] ?? observation.title;
      return {
        ...base,
        topic: 'DORA metric bands',
        title: breach
          ? `${name}: ${metric} dropped from ${from} to ${to}`
          : `${name}: ${metric} is back to ${to}`,
        description: breach
          ? `${metric} of ${observation.subjectRef} left the ${from} band for ${to}.`
          : `${metric} of ${observation.subjectRef} went from ${from} back to ${to}.`,
      };
    }
  }
}

/** What a first-review heads-up tells: one open pull request and its wait. */
export interface HeadsUpMessageInput {
  key: string;
  entityRef: string;
  repository: string;
  number: number;
  title: string;
  url?: string;
  waitingSeconds: number;
  agreedSeconds: number;
}

/** Whole hours, or minutes under two hours: "5 h", "90 min". */
function duration(seconds: number): string {
  return seconds < 7200
    ? `${Math.round(seconds / 60)} min`
    : `${Math.round(seconds / 3600)} h`;
}

/** The heads-up on a pull request waiting for its first review past most of the agreed time. */
export function headsUpMessage(input: HeadsUpMessageInput): SignalMessage {
  return {
    title: `${input.repository}#${input.number} waits for a first review`,
    description: `"${input.title}" has waited ${duration(
      input.waitingSeconds,
    )} of the ${duration(input.agreedSeconds)} agreed for a first review (${
      input.entityRef
    }).`,
    link: input.url ?? doraTabPath(input.entityRef),
    severity: 'normal',
    topic: 'DORA review heads-ups',
    scope: `dora:review:${input.key}`,
  };
}
