import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DEFAULT_MAX_EVENTS_PER_REQUEST,
  ChangeFailureMode,
  DEFAULT_SETTINGS,
  DoraSettings,
  changeFailureModes,
  ParsedScorecard,
  ScorecardStaging,
  StagedScorecard,
  ExclusionRules,
  ExcludedDeployments,
  exclusionProblems,
  parseAttributionWindow,
  parseNamePatterns,
  parseStagedScorecard,
} from '@dora-metrics/plugin-dora-common';

/** A scorecard as written and as parsed (numeric thresholds), with its stages. */
export interface ScorecardDefinition {
  definition: StagedScorecard;
  parsed: ParsedScorecard;
  /** `announceAt` / `activeFrom` of the scorecard and of its rules. */
  staging: ScorecardStaging;
}

/** Events one ingest request may carry unless `dora.ingest.maxEvents` says otherwise. */

const DEFAULT_EVALUATION_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 15 },
};

/** The plugin's configuration, read once at start with defaults applied. */
export interface DoraConfig {
  defaults: DoraSettings;
  maxEvents: number;
  maxBodySize: string;
  /** How long a request body may take to arrive. */
  bodyTimeout: { minMs: number; msPerMiB: number };
  /** How many heavy reads (team rollups, long windows) run and wait at once. */
  heavyReads: {
    maxRunning: number;
    maxQueued: number;
    retryAfterSeconds: number;
  };
  rollupKinds: string[];
  /** Read-only scorecards of `dora.scorecards`. */
  scorecards: ScorecardDefinition[];
  evaluationSchedule: SchedulerServiceTaskScheduleDefinition;
  resultHistoryDays: number;
}

function readScorecards(config: Config | undefined): ScorecardDefinition[] {
  return (config?.getOptionalConfigArray('scorecards') ?? []).map(
    (entry, index) => {
      const definition = entry.get() as unknown as StagedScorecard;
      const parsed = parseStagedScorecard(definition);
      if (!parsed.ok) {
        throw new Error(
          `dora.scorecards[${index}] is invalid: ${parsed.problems.join('; ')}`,
        );
      }
      return {
        definition,
        parsed: parsed.scorecard,
        staging: parsed.staging,
      };
    },
  );
}

/** `dora.defaults.productionEnvironments`: names and patterns, all valid. */
function readProductionEnvironments(defaults: Config | undefined): string[] {
  const rules = defaults?.getOptionalStringArray('productionEnvironments');
  if (!rules) return DEFAULT_SETTINGS.productionEnvironments;
  const { patterns, problems } = parseNamePatterns(rules);
  if (problems.length || patterns.length === 0) {
    throw new Error(
      `dora.defaults.productionEnvironments must list names or patterns such as prod* or /^prod-[a-z]+$/: ${problems.join('; ') || 'it is empty'}`,
    );
  }
  return patterns.map(p => p.text);
}

/** `dora.exclusions`: the rules every entity starts from (none by default). */
function readExclusions(config: Config | undefined): {
  exclusions?: ExclusionRules;
  excludedDeployments?: ExcludedDeployments;
} {
  const block = config?.getOptionalConfig('exclusions');
  if (!block) return {};
  const exclusions: ExclusionRules = {
    authors: block.getOptionalStringArray('authors') ?? [],
    labels: block.getOptionalStringArray('labels') ?? [],
    titles: block.getOptionalStringArray('titles') ?? [],
    bots: block.getOptionalBoolean('bots') ?? false,
  };
  const problems = exclusionProblems(exclusions);
  if (problems.length) {
    throw new Error(
      `dora.exclusions has invalid patterns: ${problems.join('; ')}`,
    );
  }
  const deployments = block.getOptionalString('deployments') ?? 'count';
  if (deployments !== 'count' && deployments !== 'skip') {
    throw new Error(
      `dora.exclusions.deployments must be count or skip, got "${deployments}"`,
    );
  }
  return {
    exclusions,
    ...(deployments === 'skip' ? { excludedDeployments: 'skip' as const } : {}),
  };
}

export function readDoraConfig(root: Config): DoraConfig {
  const config = root.getOptionalConfig('dora');
  const defaults = config?.getOptionalConfig('defaults');

  const mode = defaults?.getOptionalString('changeFailureMode');
  if (
    mode !== undefined &&
    !changeFailureModes.includes(mode as ChangeFailureMode)
  ) {
    throw new Error(
      `dora.defaults.changeFailureMode must be incidents or pipeline, got "${mode}"`,
    );
  }
  const window = defaults?.getOptionalString('attributionWindow');
  const attributionWindowSeconds =
    window === undefined
      ? DEFAULT_SETTINGS.attributionWindowSeconds
      : parseAttributionWindow(window);
  if (attributionWindowSeconds === undefined) {
    throw new Error(
      `dora.defaults.attributionWindow must be a duration such as 30m or 1h, or none; got "${window}"`,
    );
  }

  return {
    defaults: {
      productionEnvironments: readProductionEnvironments(defaults),
      changeFailureMode:
        (mode as ChangeFailureMode | undefined) ??
        DEFAULT_SETTINGS.changeFailureMode,
      attributionWindowSeconds,
      incidentSource: null,
      ...readExclusions(config),
    },
    maxEvents:
      config?.getOptionalNumber('ingest.maxEvents') ??
      DEFAULT_MAX_EVENTS_PER_REQUEST,
    maxBodySize: config?.getOptionalString('ingest.maxBodySize') ?? '10mb',
    bodyTimeout: {
      minMs:
        (config?.getOptionalNumber('ingest.bodyTimeout.minSeconds') ?? 10) *
        1000,
      msPerMiB:
        (config?.getOptionalNumber('ingest.bodyTimeout.secondsPerMiB') ?? 2) *
        1000,
    },
    heavyReads: {
      maxRunning: config?.getOptionalNumber('heavyReads.maxRunning') ?? 4,
      maxQueued: config?.getOptionalNumber('heavyReads.maxQueued') ?? 32,
      retryAfterSeconds:
        config?.getOptionalNumber('heavyReads.retryAfterSeconds') ?? 5,
    },
    rollupKinds: config?.getOptionalStringArray('rollup.kinds') ?? [
      'Component',
    ],
    scorecards: readScorecards(config),
    evaluationSchedule: config?.has('scorecardEvaluation.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('scorecardEvaluation.schedule'),
        )
      : DEFAULT_EVALUATION_SCHEDULE,
    resultHistoryDays:
      config?.getOptionalNumber('scorecardEvaluation.historyDays') ?? 365,
  };
}
