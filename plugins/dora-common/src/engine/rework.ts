import { CountedDeployment } from './countedDeployments';

/**
 * Deployment rework (DORA 2024): a hotfix or a rollback, or a deployment
 * that ships a `hotfix`-labelled change or a change that reverts another.
 */
export function isRework(shipping: CountedDeployment): boolean {
  const { deploymentKind } = shipping.deployment;
  if (deploymentKind === 'hotfix' || deploymentKind === 'rollback') return true;
  return shipping.shipped.some(
    change =>
      change.revertOf !== null ||
      change.labels.some(label => label.toLowerCase() === 'hotfix'),
  );
}
