export { ReportLevels } from './ReportLevels';
export type { ReportLevelsProps } from './ReportLevels';
