import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { lowerCaseEntityRef } from '@dora-metrics/plugin-dora-node';
import {
  NotificationsConfig,
  ScorecardRecipients,
} from './notificationsConfig';

/** Each entity's owner groups (its `ownedBy` relations), by lower-cased ref. */
export function ownersByRef(entities: Entity[]): Map<string, string[]> {
  return new Map(
    entities.map(entity => [
      lowerCaseEntityRef(entity),
      (entity.relations ?? [])
        .filter(r => r.type === RELATION_OWNED_BY)
        .map(r => r.targetRef),
    ]),
  );
}

/** Who hears about a scorecard's signals: its own config, else the default. */
export function scorecardRecipients(
  config: NotificationsConfig,
  scorecardId: string,
): ScorecardRecipients {
  return config.scorecards[scorecardId] ?? config.defaultRecipients;
}

/** The entity refs to send to: the owners when asked for, and the named recipients; no repeats. */
export function recipientRefs(
  recipients: ScorecardRecipients,
  owners: string[],
): string[] {
  return [
    ...new Set([
      ...(recipients.notifyOwners ? owners : []),
      ...recipients.recipients,
    ]),
  ];
}
