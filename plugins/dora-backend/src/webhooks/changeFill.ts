import { ResolvedEvent } from '../database/DoraStore';

type Change = Extract<ResolvedEvent, { kind: 'change' }>;

/**
 * A webhook delivery knows less about a change than the collector does (a
 * GitHub `pull_request` delivery has no commits and no reviews), and the
 * store replaces a row whole. So a webhook fills in, never erases: a field
 * the delivery leaves empty keeps the stored value.
 */
export function keepKnownChangeFields(
  incoming: Change,
  stored: Change | undefined,
): Change {
  if (!stored) return incoming;
  const filled: Record<string, unknown> = { ...incoming };
  for (const [field, value] of Object.entries(stored)) {
    if (value !== null && value !== undefined && isEmpty(filled[field])) {
      filled[field] = value;
    }
  }
  return filled as Change;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined;
}
