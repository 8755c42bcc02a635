export { InitiativesSection } from './InitiativesSection';
export { InitiativePage } from './InitiativePage';
export { TeamInitiativesCard } from './TeamInitiativesCard';
