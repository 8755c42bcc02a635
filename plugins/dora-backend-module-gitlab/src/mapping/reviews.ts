import { GitlabNote } from './gitlabTypes';
import { authorKindOf } from './authorKind';

/** GitLab's system note when someone approves ("approved this merge request"). */
const APPROVAL_NOTE = /^approved this merge request/i;

/**
 * The review facts of a merge request, from its notes. GitLab's approvals
 * endpoint names approvers but not when they approved, so the notes are
 * the source: the approval is a system note by the approver, and a
 * comment is a non-system note. Only people other than the author count;
 * bots and other system notes (pushes, label changes) do not.
 */
export function summarizeNotes(
  notes: readonly GitlabNote[],
  author: string | undefined,
): {
  firstReviewAt: string | null;
  approvedAt: string | null;
  reviewCount: number;
} {
  const byOthers = notes
    .filter(note => note.author?.username && note.author.username !== author)
    .filter(note => authorKindOf(note.author) !== 'bot')
    .filter(note => !note.system || APPROVAL_NOTE.test(note.body.trim()))
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  const approval = byOthers.find(
    note => note.system && APPROVAL_NOTE.test(note.body.trim()),
  );
  return {
    firstReviewAt: byOthers[0]?.created_at ?? null,
    approvedAt: approval?.created_at ?? null,
    reviewCount: new Set(byOthers.map(note => note.author.username)).size,
  };
}
