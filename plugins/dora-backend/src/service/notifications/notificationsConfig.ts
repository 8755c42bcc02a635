import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** The signals that can be turned on or off one by one. */
export const signalKinds = [
  'ruleFailed',
  'levelLost',
  'metricBand',
  'reviewHeadsUp',
  'digest',
] as const;
export type SignalKind = (typeof signalKinds)[number];

/** Who hears about one scorecard's signals. */
export interface ScorecardRecipients {
  /** Whether the scorecard's rule and level signals are sent at all. */
  enabled: boolean;
  /** The owning group of the entity (Backstage's entity recipients). */
  notifyOwners: boolean;
  /** More entity refs (groups or users) that hear about every entity of the scorecard. */
  recipients: string[];
}

/** `dora.notifications`, read once at start with defaults applied. */
export interface NotificationsConfig {
  /** Off unless `dora.notifications.enabled: true`: a new install sends nothing until asked. */
  enabled: boolean;
  /** When the signals are evaluated (a global task: one replica at a time). */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How many consecutive evaluations a change must hold before it is sent (hysteresis). */
  consecutiveEvaluations: number;
  /** The window of the metric band signals: the last N days, to now. */
  metricWindowDays: number;
  /** A pull request waiting for its first review past this share of the agreed time gets a heads-up. */
  reviewHeadsUpShare: number;
  signals: Record<SignalKind, boolean>;
  /** Per scorecard id; a scorecard not named gets `defaultRecipients`. */
  scorecards: Record<string, ScorecardRecipients>;
  defaultRecipients: ScorecardRecipients;
  digest: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    /** The movers of a digest compare the last N days with the N days before. */
    windowDays: number;
    /** Exemptions expiring within N days are listed. */
    expiringWithinDays: number;
    /** How many movers (each way) a digest lists. */
    moversShown: number;
  };
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { minutes: 1 },
};

/** Mondays 08:00 UTC. */
const DEFAULT_DIGEST_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { cron: '0 8 * * 1' },
  timeout: { minutes: 30 },
};

function schedule(
  config: Config | undefined,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config?.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback;
}

function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
  options: { integer?: boolean; max?: number } = {},
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  if (
    !(value > 0) ||
    value > max ||
    (options.integer && !Number.isInteger(value))
  ) {
    throw new Error(
      `dora.notifications.${key} must be a positive ${
        options.integer ? 'whole number' : 'number'
      }${options.max ? ` up to ${options.max}` : ''}, got ${value}`,
    );
  }
  return value;
}

function recipients(
  config: Config | undefined,
  fallback: ScorecardRecipients,
): ScorecardRecipients {
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? fallback.enabled,
    notifyOwners:
      config?.getOptionalBoolean('notifyOwners') ?? fallback.notifyOwners,
    recipients:
      config?.getOptionalStringArray('recipients') ?? fallback.recipients,
  };
}

export function readNotificationsConfig(root: Config): NotificationsConfig {
  const config = root.getOptionalConfig('dora.notifications');
  const signalsConfig = config?.getOptionalConfig('signals');
  const defaultRecipients = recipients(
    config?.getOptionalConfig('recipients'),
    { enabled: true, notifyOwners: true, recipients: [] },
  );
  const scorecardsConfig = config?.getOptionalConfig('scorecards');
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? false,
    schedule: schedule(config, 'schedule', DEFAULT_SCHEDULE),
    consecutiveEvaluations: positive(config, 'consecutiveEvaluations', 2, {
      integer: true,
      max: 100,
    }),
    metricWindowDays: positive(config, 'metricWindowDays', 30, {
      integer: true,
      max: 366,
    }),
    reviewHeadsUpShare: positive(config, 'reviewHeadsUpShare', 0.75, {
      max: 1,
    }),
    signals: Object.fromEntries(
      signalKinds.map(kind => [
        kind,
        signalsConfig?.getOptionalBoolean(kind) ?? true,
      ]),
    ) as Record<SignalKind, boolean>,
    scorecards: Object.fromEntries(
      (scorecardsConfig?.keys() ?? []).map(id => [
        id,
        recipients(scorecardsConfig!.getConfig(id), defaultRecipients),
      ]),
    ),
    defaultRecipients,
    digest: {
      schedule: schedule(config, 'digest.schedule', DEFAULT_DIGEST_SCHEDULE),
      windowDays: positive(config, 'digest.windowDays', 28, {
        integer: true,
        max: 366,
      }),
      expiringWithinDays: positive(config, 'digest.expiringWithinDays', 14, {
        integer: true,
        max: 366,
      }),
      moversShown: positive(config, 'digest.moversShown', 3, {
        integer: true,
        max: 50,
      }),
    },
  };
}
