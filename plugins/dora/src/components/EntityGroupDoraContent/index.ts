export {
  EntityGroupDoraContent,
  SubTeamsTable,
  TeamServicesTable,
} from './EntityGroupDoraContent';
export type { EntityGroupDoraContentProps } from './EntityGroupDoraContent';
