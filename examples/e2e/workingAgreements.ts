/*
 * The issue-16 flow in the browser: a platform engineer writes a rule in the
 * editor, previews it and saves it for later; an owner asks for an exemption
 * and a manager approves it; an initiative shows its progress. Each step is
 * checked against what the API answers for the same thing.
 */
import assert from 'node:assert/strict';
import { Page } from 'playwright-core';
import { api, apiPost } from './exampleServer';

const DAY = 24 * 60 * 60 * 1000;

interface RuleResult {
  ruleId: string;
  title: string;
  status: string;
  exemption?: { reason: string };
}
interface ResultRecord {
  entityRef: string;
  level: string | null;
  version: number | null;
  result: { rules: RuleResult[]; announced: RuleResult[] };
}

/** A yyyy-mm-dd day `days` from now (UTC), as a date input takes it. */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

/** The draft the test types into the editor, as the API takes it. */
export function reviewsDraft(
  id: string,
  announceDay: string,
  activeDay: string,
) {
  return {
    id,
    title: 'Fast lead time (end-to-end)',
    levels: ['bronze'],
    rules: [
      {
        id: 'lead-time',
        title: 'Lead time within two days',
        metric: 'leadTime.median',
        operator: '<=',
        threshold: '2d',
        level: 'bronze',
        announceAt: `${announceDay}T00:00:00Z`,
        activeFrom: `${activeDay}T00:00:00Z`,
      },
    ],
  };
}

/** Fills the editor's form with the draft's fields (the form starts with one bronze rule). */
export async function typeDraft(
  page: Page,
  draft: ReturnType<typeof reviewsDraft>,
) {
  const editor = page.getByTestId('scorecard-editor');
  await editor.getByLabel('Scorecard id').fill(draft.id);
  await editor.getByLabel('Title', { exact: true }).fill(draft.title);
  await editor.getByLabel('Levels, lowest first').fill(draft.levels.join(', '));
  const rule = draft.rules[0];
  await editor.getByLabel('Rule 1 id').fill(rule.id);
  await editor.getByLabel('Rule 1 title').fill(rule.title);
  await editor.getByLabel('Rule 1 threshold').fill(rule.threshold);
  await editor
    .getByLabel('Rule 1 announce from (optional)')
    .fill(rule.announceAt.slice(0, 10));
  await editor
    .getByLabel('Rule 1 active from (optional)')
    .fill(rule.activeFrom.slice(0, 10));
}

/** The latest result of every entity for a scorecard. */
export async function resultsOf(scorecardId: string): Promise<ResultRecord[]> {
  const body = await api<{ items: ResultRecord[] }>(
    `/v1/scorecards/results?scorecardId=${scorecardId}`,
  );
  return body.items;
}

/** Evaluates a scorecard now, as the scheduled task would. */
export async function evaluateNow(scorecardId: string) {
  await apiPost(`/v1/scorecards/evaluate?scorecardId=${scorecardId}`, {});
}

/** A service with a rule it does not pass (preferring `preferred`), and that rule. */
export async function serviceMissingARule(
  scorecardId: string,
  preferred: string,
): Promise<{ entityRef: string; name: string; rule: RuleResult }> {
  const results = await resultsOf(scorecardId);
  const missing = (r: ResultRecord) =>
    r.result.rules.find(rule =>
      ['fail', 'warn', 'no-data'].includes(rule.status),
    );
  const chosen =
    results.find(r => r.entityRef === preferred && missing(r)) ??
    results.find(r => r.entityRef.startsWith('component:') && missing(r));
  assert.ok(chosen, `some service misses a rule of ${scorecardId}`);
  return {
    entityRef: chosen.entityRef,
    name: chosen.entityRef.split('/').pop()!,
    rule: missing(chosen)!,
  };
}

/** The rule's latest result for an entity. */
export async function ruleOf(
  scorecardId: string,
  entityRef: string,
  ruleId: string,
): Promise<RuleResult | undefined> {
  const body = await api<{ items: ResultRecord[] }>(
    `/v1/scorecards/results?scorecardId=${scorecardId}&entityRef=${encodeURIComponent(entityRef)}`,
  );
  return body.items[0]?.result.rules.find(r => r.ruleId === ruleId);
}
