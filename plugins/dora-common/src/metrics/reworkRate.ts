import { EntityAnalysis } from '../engine/analyzeEntity';

export interface ReworkRate {
  rework: number;
  total: number;
  ratio: number | null;
}

/**
 * Deployment rework rate (DORA 2024): counted deployments in the window that
 * are hotfixes or rollbacks, or ship a `hotfix`-labelled or reverting change.
 */
export function reworkRate(analyses: EntityAnalysis[]): ReworkRate {
  let rework = 0;
  let total = 0;
  for (const analysis of analyses) {
    total += analysis.deployments.length;
    for (const deployment of analysis.deployments) {
      if (deployment.rework) rework++;
    }
  }
  return { rework, total, ratio: total === 0 ? null : rework / total };
}
