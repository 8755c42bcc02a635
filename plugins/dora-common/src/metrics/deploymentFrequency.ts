import { EntityAnalysis } from '../engine/analyzeEntity';
import { Window } from '../time/instants';
import { pieceIndex } from '../time/calendar';
import { Band, deploymentFrequencyBand } from './bands';

export interface DeploymentFrequency {
  count: number;
  perDay: number;
  perWeek: number;
  perMonth: number;
  /** Distinct calendar days (request timezone) with at least one counted deployment. */
  deploymentDays: number;
  band: Band;
}

const DAY_MS = 86_400_000;

/**
 * Counted deployments (successful, production, not redeploys) finished in
 * the window, per day of the window's length (fractional days allowed).
 */
export function deploymentFrequency(
  analyses: EntityAnalysis[],
  window: Window,
  dayBoundaries: number[],
): DeploymentFrequency {
  let count = 0;
  const days = new Set<number>();
  for (const analysis of analyses) {
    count += analysis.deployments.length;
    for (const { at } of analysis.deployments) {
      days.add(pieceIndex(dayBoundaries, at));
    }
  }
  const perDay = count / ((window.to - window.from) / DAY_MS);
  return {
    count,
    perDay,
    perWeek: perDay * 7,
    perMonth: perDay * 30,
    deploymentDays: days.size,
    band: deploymentFrequencyBand(perDay, count),
  };
}
