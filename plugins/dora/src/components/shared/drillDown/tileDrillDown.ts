import { DoraEventKind } from '@dora-metrics/plugin-dora-common';
import { TileKind, tileTitle } from '../MetricTiles';
import { DEFAULT_ORDER, DrillDownView } from './drillDownParams';

/** The list each tile opens: the events its number counted (or failed). */
export function tileDrillDown(tile: TileKind): DrillDownView {
  switch (tile) {
    case 'deploymentFrequency':
      return { kind: 'deployment', show: 'counted', order: DEFAULT_ORDER };
    case 'changeFailureRate':
      return { kind: 'deployment', show: 'failed', order: DEFAULT_ORDER };
    case 'leadTime':
      return { kind: 'change', show: 'counted', order: DEFAULT_ORDER };
    default:
      return { kind: 'incident', show: 'counted', order: DEFAULT_ORDER };
  }
}

export const kindNoun: Record<DoraEventKind, [string, string]> = {
  deployment: ['deployment', 'deployments'],
  change: ['change', 'changes'],
  incident: ['incident', 'incidents'],
};

/** "1 incident", "2 incidents", "0 incidents". */
export function plural(count: number, kind: DoraEventKind): string {
  return `${count} ${kindNoun[kind][count === 1 ? 0 : 1]}`;
}

const capitalized = (text: string) => text[0].toUpperCase() + text.slice(1);

/** The dialog's title: the metric behind the list, or what the list holds. */
export function drillDownTitle(view: DrillDownView): string {
  const nouns = kindNoun[view.kind][1];
  if (view.ids) return `${capitalized(nouns)} linked`;
  if (view.show === 'failed') {
    return `${tileTitle.changeFailureRate}: the failed deployments`;
  }
  if (view.show === 'counted') {
    const tile: Record<DoraEventKind, TileKind> = {
      deployment: 'deploymentFrequency',
      change: 'leadTime',
      incident: 'timeToRestore',
    };
    return `${tileTitle[tile[view.kind]]}: the ${nouns} behind it`;
  }
  return `All ${nouns}`;
}
