import { DAY_MS } from '../time/durations';
import { Window } from '../time/instants';
import { Band, deploymentFrequencyBand } from './bands';
import { WindowStats } from './windowStats';

export interface DeploymentFrequency {
  count: number;
  perDay: number;
  perWeek: number;
  perMonth: number;
  /** Distinct calendar days (request timezone) with at least one counted deployment. */
  deploymentDays: number;
  band: Band;
}

/**
 * Counted deployments (successful, production, not redeploys) finished in
 * the window, per day of the window's length (fractional days allowed).
 */
export function deploymentFrequency(
  stats: WindowStats,
  window: Window,
): DeploymentFrequency {
  const count = stats.deployments;
  const perDay = count / ((window.to - window.from) / DAY_MS);
  return {
    count,
    perDay,
    perWeek: perDay * 7,
    perMonth: perDay * 30,
    deploymentDays: stats.deploymentDays,
    band: deploymentFrequencyBand(perDay, count),
  };
}
