import { WindowStats } from './windowStats';

export interface ReworkRate {
  rework: number;
  total: number;
  ratio: number | null;
}

/**
 * Deployment rework rate (DORA 2024): counted deployments in the window that
 * are hotfixes or rollbacks, or ship a `hotfix`-labelled or reverting change.
 */
export function reworkRate(stats: WindowStats): ReworkRate {
  const { rework, deployments: total } = stats;
  return { rework, total, ratio: total === 0 ? null : rework / total };
}
