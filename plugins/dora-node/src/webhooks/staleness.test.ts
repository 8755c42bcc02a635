import { AuthenticationError } from '@backstage/errors';
import {
  StalenessCheck,
  WEBHOOK_CLOCK_SKEW_MS,
  refuseStale,
} from './staleness';

const receivedAt = Date.parse('2026-11-20T12:00:00Z');
const check = (at: number | undefined): StalenessCheck => ({
  at,
  receivedAt,
  maxAgeMs: 60_000,
  unknownAge: 'no time',
  tooOld: t => `old ${new Date(t).toISOString()}`,
  inFuture: t => `future ${new Date(t).toISOString()}`,
});

describe('refuseStale', () => {
  it('accepts a time within the allowed age or the clock skew', () => {
    expect(() => refuseStale(check(receivedAt))).not.toThrow();
    expect(() => refuseStale(check(receivedAt - 60_000))).not.toThrow();
    expect(() =>
      refuseStale(check(receivedAt + WEBHOOK_CLOCK_SKEW_MS)),
    ).not.toThrow();
  });

  it.each([undefined, NaN])('refuses an unknown time (%p)', at => {
    expect(() => refuseStale(check(at))).toThrow(
      new AuthenticationError('no time'),
    );
  });

  it('refuses a time older than the allowed age', () => {
    expect(() => refuseStale(check(receivedAt - 60_001))).toThrow(
      new AuthenticationError('old 2026-11-20T11:58:59.999Z'),
    );
  });

  it('refuses a time further ahead than the clock skew', () => {
    expect(() =>
      refuseStale(check(receivedAt + WEBHOOK_CLOCK_SKEW_MS + 1)),
    ).toThrow(new AuthenticationError('future 2026-11-20T12:05:00.001Z'));
  });
});
