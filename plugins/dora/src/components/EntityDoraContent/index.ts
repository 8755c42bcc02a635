export {
  EntityDoraContent,
  EntityWorkingAgreements,
} from './EntityDoraContent';
export type { EntityDoraContentProps } from './EntityDoraContent';
