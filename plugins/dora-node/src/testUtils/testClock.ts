/** A clock that only moves when the code under test sleeps: waits are recorded, not spent. */
export function createTestClock(start: string) {
  const clock = {
    nowMs: Date.parse(start),
    sleeps: [] as number[],
    now: () => clock.nowMs,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.nowMs += ms;
    },
  };
  return clock;
}
