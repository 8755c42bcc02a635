import { Config } from '@backstage/config';
import {
  ChangeFailureMode,
  DEFAULT_SETTINGS,
  DoraSettings,
  changeFailureModes,
  parseAttributionWindow,
} from '@dora-metrics/plugin-dora-common';

/** The plugin's configuration, read once at start with defaults applied. */
export interface DoraConfig {
  defaults: DoraSettings;
  historyDays: number;
  maxEvents: number;
  maxBodySize: string;
  rollupKinds: string[];
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
      productionEnvironments:
        defaults?.getOptionalStringArray('productionEnvironments') ??
        DEFAULT_SETTINGS.productionEnvironments,
      changeFailureMode:
        (mode as ChangeFailureMode | undefined) ??
        DEFAULT_SETTINGS.changeFailureMode,
      attributionWindowSeconds,
      incidentSource: null,
    },
    historyDays: config?.getOptionalNumber('historyDays') ?? 90,
    maxEvents: config?.getOptionalNumber('ingest.maxEvents') ?? 5000,
    maxBodySize: config?.getOptionalString('ingest.maxBodySize') ?? '10mb',
    rollupKinds: config?.getOptionalStringArray('rollup.kinds') ?? [
      'Component',
    ],
  };
}
