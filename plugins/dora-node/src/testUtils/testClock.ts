/** A clock that only moves when the code under test sleeps. */
export interface TestClock {
  /** The current instant, in epoch milliseconds. */
  nowMs: number;
  /** Every wait asked for, in milliseconds, in order. */
  sleeps: number[];
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** A clock starting at `start` (ISO-8601) whose waits are recorded, not spent. */
export function createTestClock(start: string): TestClock {
  const clock: TestClock = {
    nowMs: Date.parse(start),
    sleeps: [],
    now: () => clock.nowMs,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.nowMs += ms;
    },
  };
  return clock;
}
