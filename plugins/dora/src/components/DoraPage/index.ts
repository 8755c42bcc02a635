export { DoraPage } from './DoraPage';
export type { DoraPageProps } from './DoraPage';
