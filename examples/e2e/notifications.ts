/*
 * Issue 17's notification in the browser: a service of one of the guest's
 * teams regresses, the DORA signals are evaluated as the scheduled task
 * would, and the guest's bell and notifications page show what the
 * notifications backend holds for the guest.
 */
import assert from 'node:assert/strict';
import { api, apiPost, BACKEND_URL } from './exampleServer';

/** What `POST /v1/notifications/evaluate` answers (dora-common's SignalEvaluationResponse). */
export interface SignalEvaluation {
  observed: number;
  sent: Record<string, number>;
  pending: number;
}

/** A notification as the notifications backend lists it for a user. */
export interface GuestNotification {
  id: string;
  created: string;
  origin: string;
  read: string | null;
  payload: { title: string; description?: string | null; link?: string };
}

/** The notifications backend names the sender by its service principal. */
export const DORA_ORIGIN = 'plugin:dora';

/** The guest's Backstage token, as the app's sign-in gets it. */
export async function guestToken(): Promise<string> {
  const response = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  assert.ok(response.ok, `guest sign-in answered ${response.status}`);
  const body = (await response.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}

/** The guest's notifications sent by the DORA plugin since `since` (newest first). */
export async function guestDoraNotifications(
  since: Date,
): Promise<GuestNotification[]> {
  const response = await fetch(
    `${BACKEND_URL}/api/notifications/notifications?limit=100`,
    { headers: { authorization: `Bearer ${await guestToken()}` } },
  );
  assert.ok(
    response.ok,
    `GET /api/notifications/notifications answered ${response.status}: is the notifications backend installed?`,
  );
  const body = (await response.json()) as {
    notifications: GuestNotification[];
  };
  return body.notifications
    .filter(
      n => n.origin === DORA_ORIGIN && Date.parse(n.created) >= since.getTime(),
    )
    .sort((a, b) => Date.parse(b.created) - Date.parse(a.created));
}

/** Evaluates the DORA signals once, as the scheduled task would. */
export async function evaluateSignals(): Promise<SignalEvaluation> {
  try {
    return await apiPost<SignalEvaluation>('/v1/notifications/evaluate', {});
  } catch (error) {
    throw new Error(
      `The DORA notifications are missing (POST /api/dora/v1/notifications/evaluate, issue 17): ${error}`,
    );
  }
}

interface ChangeFailureRate {
  changeFailureRate: { failed: number; total: number; ratio: number | null };
}

/**
 * Sends failed production deployments (each with the incident it caused) to
 * a service until at least half of its last 30 days' deployments failed: a
 * change failure rate far past the scorecard's 15 % and in a worse band.
 * Returns the change failure rate the API then answers.
 */
export async function regressChangeFailureRate(
  entityRef: string,
): Promise<ChangeFailureRate['changeFailureRate']> {
  const query = `/v1/metrics?entityRef=${encodeURIComponent(entityRef)}`;
  const before = await api<ChangeFailureRate>(query);
  const { failed, total } = before.changeFailureRate;
  // (failed + n) / (total + n) >= 1/2 once n >= total - 2 * failed.
  const count = Math.max(6, total - 2 * failed + 1);
  const now = Date.now();
  const at = (ms: number) => new Date(ms).toISOString();
  const run = `e2e-regression-${now}`;
  const events = [];
  for (let i = 0; i < count; i++) {
    // One every 10 minutes, ending 10 minutes ago: all inside the window.
    const finishedAt = now - (count - i) * 10 * 60_000;
    const deploymentId = `${run}-deploy-${i}`;
    events.push(
      {
        kind: 'deployment',
        source: 'e2e',
        id: deploymentId,
        entityRef,
        environment: 'production',
        status: 'success',
        startedAt: at(finishedAt - 5 * 60_000),
        finishedAt: at(finishedAt),
        version: `${run}-v${i}`,
      },
      {
        kind: 'incident',
        source: 'e2e',
        id: `${run}-incident-${i}`,
        entityRef,
        title: `Errors after deploy ${i}`,
        openedAt: at(finishedAt + 60_000),
        resolvedAt: at(finishedAt + 4 * 60_000),
        severity: 'SEV2',
        deploymentId,
        causedByDeployment: true,
      },
    );
  }
  await apiPost('/v1/events', { events });
  const after = await api<ChangeFailureRate>(query);
  assert.ok(
    (after.changeFailureRate.ratio ?? 0) >= 0.5,
    `${entityRef}'s change failure rate after ${count} failed deployments: ${JSON.stringify(after.changeFailureRate)}`,
  );
  return after.changeFailureRate;
}

/** How many unread notifications the guest has, as the bell asks. */
export async function guestUnreadCount(): Promise<number> {
  const response = await fetch(`${BACKEND_URL}/api/notifications/status`, {
    headers: { authorization: `Bearer ${await guestToken()}` },
  });
  assert.ok(response.ok, `GET /api/notifications/status: ${response.status}`);
  return ((await response.json()) as { unread: number }).unread;
}
