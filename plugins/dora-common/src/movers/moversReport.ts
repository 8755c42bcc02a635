import {
  BandDistribution,
  MoverInput,
  MoverRow,
  bandDistribution,
  moverRow,
} from './movers';
import { MOVER_MIN_SAMPLE, MoverMetric, moverMetrics } from './moverMetrics';

/** Movers of a set of teams and services: this window against the previous one of the same length. */
export interface MoversReport {
  window: { from: string; to: string };
  previousWindow: { from: string; to: string };
  /** Below these sample sizes a change is marked and not ranked. */
  minimumSample: Record<MoverMetric, number>;
  teams: MoverRow[];
  services: MoverRow[];
  /** The services per band of each metric, now and then. */
  distribution: Record<MoverMetric, BandDistribution>;
}

/** The movers report of teams and services from their bodies of both windows. */
export function moversReport(input: {
  window: { from: string; to: string };
  previousWindow: { from: string; to: string };
  teams: MoverInput[];
  services: MoverInput[];
}): MoversReport {
  const services = input.services.map(moverRow);
  return {
    window: input.window,
    previousWindow: input.previousWindow,
    minimumSample: { ...MOVER_MIN_SAMPLE },
    teams: input.teams.map(moverRow),
    services,
    distribution: Object.fromEntries(
      moverMetrics.map(metric => [metric, bandDistribution(services, metric)]),
    ) as Record<MoverMetric, BandDistribution>,
  };
}
