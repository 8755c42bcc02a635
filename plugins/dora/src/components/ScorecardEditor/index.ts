export { ScorecardEditor } from './ScorecardEditor';
export type { ScorecardEditorProps } from './ScorecardEditor';
export {
  NewScorecardButton,
  EditScorecardButton,
} from './ScorecardEditorButtons';
export { ScorecardChanges } from './ScorecardChanges';
