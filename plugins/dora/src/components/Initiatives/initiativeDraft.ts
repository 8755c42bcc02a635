import {
  Initiative,
  InitiativeInput,
  parseInitiative,
} from '@dora-metrics/plugin-dora-common';

/*
 * The form's fields as typed, and the body they make: what the form shows
 * is checked by the same `parseInitiative` the API answers 400 with.
 */

export interface InitiativeDraft {
  id: string;
  title: string;
  description: string;
  scorecardId: string;
  /** `level:silver` or `rule:first-review`; empty until picked. */
  target: string;
  owners: string;
  kinds: string;
  types: string;
  lifecycles: string;
  /** Any of them matches. */
  tags: string;
  targetShare: string;
  owner: string;
  /** `YYYY-MM-DD`, a day in UTC. */
  startsAt: string;
  deadline: string;
}

export type DraftField = keyof InitiativeDraft;

const SCOPE_FIELDS = [
  'owners',
  'kinds',
  'types',
  'lifecycles',
  'tags',
] as const;

const day = (instant: string) => instant.slice(0, 10);

/** A new initiative: 80 % from today, the deadline left to pick. */
export function emptyDraft(today: string): InitiativeDraft {
  return {
    id: '',
    title: '',
    description: '',
    scorecardId: '',
    target: '',
    owners: '',
    kinds: '',
    types: '',
    lifecycles: '',
    tags: '',
    targetShare: '80%',
    owner: '',
    startsAt: today,
    deadline: '',
  };
}

/** An initiative's fields, for editing it. */
export function draftOf(initiative: Initiative): InitiativeDraft {
  const list = (values?: string[]) => (values ?? []).join(', ');
  const { target } = initiative;
  return {
    id: initiative.id,
    title: initiative.title,
    description: initiative.description ?? '',
    scorecardId: target.scorecardId,
    target:
      'ruleId' in target ? `rule:${target.ruleId}` : `level:${target.level}`,
    owners: list(initiative.scope.owners),
    kinds: list(initiative.scope.kinds),
    types: list(initiative.scope.types),
    lifecycles: list(initiative.scope.lifecycles),
    tags: list(initiative.scope.tags),
    targetShare: `${Math.round(initiative.targetShare * 1000) / 10}%`,
    owner: initiative.owner,
    startsAt: day(initiative.startsAt),
    deadline: day(initiative.deadline),
  };
}

const splitList = (text: string) =>
  text
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);

function targetOf(
  draft: InitiativeDraft,
): InitiativeInput['target'] | undefined {
  const colon = draft.target.indexOf(':');
  if (!draft.scorecardId || colon < 0) return undefined;
  const kind = draft.target.slice(0, colon);
  const name = draft.target.slice(colon + 1);
  return kind === 'rule'
    ? { scorecardId: draft.scorecardId, ruleId: name }
    : { scorecardId: draft.scorecardId, level: name };
}

/** The request body the fields make; empty optional fields are left out. */
export function inputOf(draft: InitiativeDraft): InitiativeInput {
  const scope: InitiativeInput['scope'] = {};
  for (const field of SCOPE_FIELDS) {
    const values = splitList(draft[field]);
    if (values.length) scope[field] = values;
  }
  const body: Record<string, unknown> = {
    id: draft.id,
    title: draft.title,
    target: targetOf(draft),
    scope,
    targetShare: draft.targetShare,
    owner: draft.owner,
    startsAt: draft.startsAt ? `${draft.startsAt}T00:00:00Z` : undefined,
    deadline: draft.deadline ? `${draft.deadline}T00:00:00Z` : undefined,
  };
  if (draft.description.trim()) body.description = draft.description;
  for (const key of Object.keys(body)) {
    if (body[key] === undefined) delete body[key];
  }
  return body as unknown as InitiativeInput;
}

/** The field a problem of `parseInitiative` belongs to: `scope.owners: …` → owners. */
export function fieldOf(problem: string): DraftField | undefined {
  const path = problem.slice(0, problem.indexOf(':')).split('.');
  if (path[0] === 'scope' && path[1]) {
    return (SCOPE_FIELDS as readonly string[]).includes(path[1])
      ? (path[1] as DraftField)
      : undefined;
  }
  if (path[0] === 'target') return 'target';
  const fields: DraftField[] = [
    'id',
    'title',
    'description',
    'targetShare',
    'owner',
    'startsAt',
    'deadline',
  ];
  return fields.find(f => f === path[0]);
}

/** A problem without its path, for under its field. */
export function messageOf(problem: string): string {
  const colon = problem.indexOf(': ');
  return colon < 0 ? problem : problem.slice(colon + 2);
}

/** Valid stand-ins for every field but the dates (see `dateProblems`). */
const DATE_PROBE = {
  id: 'probe',
  title: 'probe',
  target: { scorecardId: 'probe', level: 'probe' },
  scope: {},
  targetShare: 1,
  owner: 'probe',
};

/**
 * The dates' own problems (e.g. a deadline before the start): zod checks
 * one field against another only once every field is valid, so the dates
 * are checked beside valid stand-ins to tell as soon as they are typed.
 */
export function dateProblems(draft: InitiativeDraft): string[] {
  const { startsAt, deadline } = inputOf(draft);
  const parsed = parseInitiative({ ...DATE_PROBE, startsAt, deadline });
  return parsed.ok ? [] : parsed.problems;
}

/** Every problem of the draft, as the API would word it. */
export function draftProblems(draft: InitiativeDraft): string[] {
  const parsed = parseInitiative(inputOf(draft));
  if (parsed.ok) return [];
  return [...new Set([...parsed.problems, ...dateProblems(draft)])];
}
