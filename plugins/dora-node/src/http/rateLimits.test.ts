import { createTestClock } from '../testUtils/testClock';
import {
  DEFAULT_RATE_LIMIT_POLICY,
  HeaderReader,
  RateLimitError,
  RateLimitGate,
} from './rateLimits';

const headers = (values: Record<string, string>): HeaderReader => ({
  get: name => values[name] ?? null,
});

function gate(maxWaitMs = DEFAULT_RATE_LIMIT_POLICY.maxWaitMs) {
  const clock = createTestClock('2026-03-20T00:00:00Z');
  const limited = new RateLimitGate({
    source: 'Example',
    sleep: clock.sleep,
    now: clock.now,
    policy: { ...DEFAULT_RATE_LIMIT_POLICY, maxWaitMs },
    exhaustedReason: 'limit used up',
    // The fake source says how long to pause in one header.
    exhaustedWait: h => Number(h.get('pause-ms') ?? 0),
  });
  return { clock, limited };
}

describe('RateLimitGate', () => {
  it('pauses the next request once after an answer that used the limit up', async () => {
    const { clock, limited } = gate();
    limited.observe(headers({ 'pause-ms': '5000' }));
    await limited.beforeRequest();
    await limited.beforeRequest();
    expect(clock.sleeps).toEqual([5000]);
  });

  it('keeps the later resume instant when two answers name different pauses', async () => {
    const { clock, limited } = gate();
    limited.observe(headers({ 'pause-ms': '9000' }));
    limited.observe(headers({ 'pause-ms': '2000' }));
    await limited.beforeRequest();
    expect(clock.sleeps).toEqual([9000]);
  });

  it('does not pause after answers that leave the limit', async () => {
    const { clock, limited } = gate();
    limited.observe(headers({}));
    await limited.beforeRequest();
    await limited.wait(0, 'nothing');
    expect(clock.sleeps).toEqual([]);
  });

  it('gives up with a RateLimitError naming the source when a wait is over the cap, without waiting', async () => {
    const { clock, limited } = gate(60_000);
    const waiting = limited.wait(120_000, 'rate limit');
    await expect(waiting).rejects.toBeInstanceOf(RateLimitError);
    await expect(limited.wait(120_000, 'rate limit')).rejects.toThrow(
      'Example rate limit: would wait 120 s, more than the allowed 60 s',
    );
    expect(clock.sleeps).toEqual([]);
  });
});
