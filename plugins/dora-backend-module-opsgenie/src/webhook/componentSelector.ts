import { OpsgenieWebhookPayload } from './opsgenieTypes';

/**
 * The `opsgenie.com/component-selector` forms understood here, joined by
 * `AND` (all must hold), values case-insensitive, quotes optional:
 * `tag:"service:payments"` (or `tags:`), `team:"Payments"` (or `teams:`),
 * `entity:"payments-api"`, `source:"datadog"`,
 * `integration:"Payments webhook"`, `detailsPair(service:payments)`.
 */
type AlertField = 'tag' | 'team' | 'entity' | 'source' | 'integration';
export type SelectorClause =
  | { field: AlertField; value: string }
  | { field: 'details'; key: string; value: string };

const FIELD_ALIASES: Record<string, AlertField> = {
  tag: 'tag',
  tags: 'tag',
  team: 'team',
  teams: 'team',
  entity: 'entity',
  source: 'source',
  integration: 'integration',
};

const FIELD_CLAUSE = /^([a-z]+)\s*:\s*(?:"([^"]*)"|(\S+))$/i;
const DETAILS_CLAUSE = /^detailsPair\(\s*([^:()]+?)\s*:\s*([^()]*?)\s*\)$/i;

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/** The clauses of a selector, or `undefined` when any part is not understood. */
export function parseComponentSelector(
  selector: string,
): SelectorClause[] | undefined {
  const parts = selector.split(/\s+AND\s+/i).map(part => part.trim());
  const clauses: SelectorClause[] = [];
  for (const part of parts) {
    const details = DETAILS_CLAUSE.exec(part);
    if (details) {
      clauses.push({
        field: 'details',
        key: lower(details[1]),
        value: lower(details[2]),
      });
      continue;
    }
    const match = FIELD_CLAUSE.exec(part);
    const field = match && FIELD_ALIASES[lower(match[1])];
    if (!match || !field) return undefined;
    clauses.push({ field, value: lower(match[2] ?? match[3]) });
  }
  return clauses.length > 0 ? clauses : undefined;
}

function teamsOf(payload: OpsgenieWebhookPayload): string[] {
  const alert = payload.alert ?? {};
  return [
    alert.team,
    ...(alert.teams ?? []),
    ...(alert.responders ?? []).filter(r => r.type === 'team').map(r => r.name),
  ].filter((team): team is string => typeof team === 'string');
}

function holds(clause: SelectorClause, payload: OpsgenieWebhookPayload) {
  const alert = payload.alert ?? {};
  const is = (value: unknown) =>
    typeof value === 'string' && lower(value) === clause.value;
  switch (clause.field) {
    case 'tag':
      return (alert.tags ?? []).some(is);
    case 'team':
      return teamsOf(payload).some(is);
    case 'entity':
      return is(alert.entity);
    case 'source':
      return is(alert.source);
    case 'integration':
      return is(payload.integrationName);
    case 'details':
      return Object.entries(alert.details ?? {}).some(
        ([key, value]) => lower(key) === clause.key && is(value),
      );
    default:
      return false;
  }
}

export function matchesSelector(
  clauses: SelectorClause[],
  payload: OpsgenieWebhookPayload,
): boolean {
  return clauses.every(clause => holds(clause, payload));
}
