import { Band } from '@dora-metrics/plugin-dora-common';
import { TileKind } from './metricDocs';

/**
 * The limits of each band, as plugins/dora-common/src/metrics/bands.ts
 * computes them, and the report they come from (docs/metrics.md says the same).
 */
export const bandLimits: Record<
  TileKind,
  { limits: Record<Band, string>; source: string }
> = {
  deploymentFrequency: {
    limits: {
      elite: 'more than 1 a day',
      high: 'more than 1 a week',
      medium: 'more than 1 a month',
      low: '1 a month or less',
    },
    source:
      "Metrik's cut points in the DORA reports' wording (the 2023 report gives no exact limits)",
  },
  leadTime: {
    limits: {
      elite: 'under 1 day',
      high: 'under 7 days',
      medium: 'under 30 days',
      low: '30 days or more',
    },
    source: 'DORA 2023 report (Accelerate State of DevOps)',
  },
  changeFailureRate: {
    limits: {
      elite: 'up to 5 %',
      high: 'up to 10 %',
      medium: 'up to 15 %',
      low: 'over 15 %',
    },
    source: 'DORA 2023 report (Accelerate State of DevOps)',
  },
  timeToRestore: {
    limits: {
      elite: 'under 1 h',
      high: 'under 1 day',
      medium: 'under 7 days',
      low: '7 days or more',
    },
    source: 'DORA 2023 report (Accelerate State of DevOps)',
  },
};

const ORDER: Band[] = ['elite', 'high', 'medium', 'low'];
const NAMES: Record<Band, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** "Elite: under 1 day; High: under 7 days; …. Bands from the DORA 2023 report …" */
export function bandLimitsText(kind: TileKind): string {
  const { limits, source } = bandLimits[kind];
  const list = ORDER.map(band => `${NAMES[band]}: ${limits[band]}`).join('; ');
  return `${list}. Bands from ${source}.`;
}
