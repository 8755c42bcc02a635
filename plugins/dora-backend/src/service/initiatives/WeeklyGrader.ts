import { WeeklyGrading } from '../scorecards/preview/WeeklyGrading';

/**
 * What initiatives use of the preview's grading: a scorecard graded at past
 * instants, as the evaluator would have graded it then.
 */
export type WeeklyGrader = Pick<WeeklyGrading, 'gradeAt'>;
