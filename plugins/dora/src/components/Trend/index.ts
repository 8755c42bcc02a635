export { TeamTrend } from './TeamTrend';
