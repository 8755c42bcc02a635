import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DAY_MS,
  MetricsRequest,
  SignalObservation,
  bandObservations,
  levelObservations,
  ruleObservations,
} from '@dora-metrics/plugin-dora-common';
import { Entity } from '@backstage/catalog-model';
import { EntityCatalog } from '../EntityCatalog';
import { MetricsService } from '../MetricsService';
import { readWindows } from '../movers/windowReadings';
import { ScorecardService } from '../ScorecardService';
import { NotificationsConfig } from './notificationsConfig';
import { recipientRefs, scorecardRecipients } from './signalRecipients';

/** An observation and who hears about it. */
export interface AddressedObservation {
  observation: SignalObservation;
  recipients: string[];
}

/**
 * The rules and levels of every entity's latest graded results (one read of
 * every result), for the scorecards whose signals are on.
 */
export async function scorecardObservations(
  deps: { scorecards: ScorecardService; config: NotificationsConfig },
  owners: Map<string, string[]>,
  credentials: BackstageCredentials,
  now: number,
): Promise<AddressedObservation[]> {
  const { config } = deps;
  const { ruleFailed, levelLost } = config.signals;
  if (!ruleFailed && !levelLost) return [];
  const records = (await deps.scorecards.latest({}, credentials, now)).filter(
    r => scorecardRecipients(config, r.scorecardId).enabled,
  );
  const observations = [
    ...(ruleFailed ? ruleObservations(records) : []),
    ...(levelLost ? levelObservations(records) : []),
  ];
  return observations.map(observation => ({
    observation,
    recipients: recipientRefs(
      scorecardRecipients(config, observation.scorecardId!),
      owners.get(observation.subjectRef) ?? [],
    ),
  }));
}

/**
 * The four bands of every entity (to its owners and the default
 * recipients) and of every team pooled over its sub-tree (to the team),
 * over the last `metricWindowDays`.
 */
export async function metricObservations(
  deps: {
    metrics: MetricsService;
    catalog: EntityCatalog;
    config: NotificationsConfig;
  },
  entities: Entity[],
  owners: Map<string, string[]>,
  credentials: BackstageCredentials,
  now: number,
): Promise<AddressedObservation[]> {
  const { config, metrics } = deps;
  if (!config.signals.metricBand) return [];
  const request: MetricsRequest = {
    window: { from: now - config.metricWindowDays * DAY_MS, to: now },
    timezone: 'UTC',
    bucket: 'week',
  };
  const tree = await deps.catalog.groupTree(credentials);
  const measured = entities.map(e => metrics.measured(e, tree));
  const teams = (await metrics.teams(tree, tree.all(), credentials)).filter(
    team => team.entities.length > 0,
  );
  // One read of the facts for every entity and every team, as the movers do.
  const [reading] = await readWindows(
    metrics,
    [...measured, ...teams.flatMap(team => team.entities)],
    [request],
  );
  const addressed: AddressedObservation[] = [];
  for (const entity of measured) {
    const recipients = recipientRefs(
      config.defaultRecipients,
      owners.get(entity.key) ?? [],
    );
    for (const observation of bandObservations(
      entity.entityRef,
      reading.entity(entity),
    )) {
      addressed.push({ observation, recipients });
    }
  }
  for (const team of teams) {
    for (const observation of bandObservations(
      team.groupRef,
      reading.team(team),
    )) {
      addressed.push({ observation, recipients: [team.groupRef] });
    }
  }
  return addressed;
}
