import { ZodIssue } from 'zod';
import { DoraEvent, eventKinds, eventSchemaByKind } from './schemas';

/** One problem with one event of a batch, as returned in a 400 response. */
export interface EventProblem {
  index: number;
  message: string;
  /**
   * Set when the event is valid but names no entity the catalog knows (yet):
   * a sender may retry it once the catalog has caught up.
   */
  code?: 'unresolved-entity';
}

export type EventBatchResult =
  { ok: true; events: DoraEvent[] } | { ok: false; problems: EventProblem[] };

function describe(raw: unknown, index: number): string {
  if (raw && typeof raw === 'object') {
    const { kind, id } = raw as { kind?: unknown; id?: unknown };
    if (typeof kind === 'string' && typeof id === 'string') {
      return `event ${index} (${kind} "${id}")`;
    }
  }
  return `event ${index}`;
}

function formatIssue(issue: ZodIssue): string {
  const field = issue.path.join('.');
  return field ? `${field} ${issue.message}` : issue.message;
}

/** Validates one event; returns the parsed event or a message naming the fields. */
export function validateEvent(
  raw: unknown,
  index: number,
): { event: DoraEvent } | { problem: EventProblem } {
  const label = describe(raw, index);
  const kind = (raw as { kind?: unknown } | null)?.kind;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problem: { index, message: `${label}: must be an object` } };
  }
  if (!eventKinds.includes(kind as DoraEvent['kind'])) {
    return {
      problem: {
        index,
        message: `${label}: kind must be one of ${eventKinds.join(', ')}`,
      },
    };
  }
  const schema = eventSchemaByKind[kind as DoraEvent['kind']];
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    return { event: parsed.data as DoraEvent };
  }
  const fields = parsed.error.issues.map(formatIssue).join('; ');
  return { problem: { index, message: `${label}: ${fields}` } };
}

/** The copies of one (kind, source, id) seen so far in a batch. */
interface SeenKey {
  first: number;
  /** A copy without an entity of its own (or not a change). */
  unnamed: boolean;
  /** Changes: the index of the copy naming each entity. */
  entities: Map<string, number>;
}

/**
 * The earlier copy a new one repeats, if any: only changes that each name a
 * different entity may share their key (a monorepo's change).
 */
function repeated(seen: SeenKey, entity: string | null): number | undefined {
  if (entity === null || seen.unnamed) return seen.first;
  return seen.entities.get(entity);
}

/**
 * Validates a whole ingest batch. Every event is checked (so the caller can
 * report all problems at once), and an event that repeats the
 * `(kind, source, id)` of an earlier one in the same batch is refused: the
 * batch would otherwise depend on its own order. A change may come once per
 * entity it belongs to (a monorepo's change, each copy naming a different
 * `entityRef`): the batch then names all of its entities. A copy without an
 * `entityRef` (resolved from the catalog) may not repeat.
 */
export function validateEventBatch(rawEvents: unknown[]): EventBatchResult {
  const problems: EventProblem[] = [];
  const events: DoraEvent[] = [];
  const seenByKey = new Map<string, SeenKey>();

  rawEvents.forEach((raw, index) => {
    const result = validateEvent(raw, index);
    if ('problem' in result) {
      problems.push(result.problem);
      return;
    }
    const { kind, source, id } = result.event;
    const key = `${kind}\u0000${source}\u0000${id}`;
    const entity =
      kind === 'change' && result.event.entityRef
        ? result.event.entityRef.toLocaleLowerCase('en-US')
        : null;
    const seen = seenByKey.get(key);
    const first = seen && repeated(seen, entity);
    if (first !== undefined) {
      problems.push({
        index,
        message: `${describe(raw, index)}: repeats event ${first} (same kind, source and id; a change may repeat only once per named entityRef) in one batch`,
      });
      return;
    }
    const next = seen ?? { first: index, unnamed: false, entities: new Map() };
    if (entity === null) next.unnamed = true;
    else next.entities.set(entity, index);
    seenByKey.set(key, next);
    events.push(result.event);
  });

  return problems.length ? { ok: false, problems } : { ok: true, events };
}
