import { SignalSend, SignalState, stepSignal } from './signalState';

/** Steps through the observations; returns what each step sent and the last state. */
function run(
  observations: Array<number | undefined>,
  consecutive = 2,
  start?: SignalState,
) {
  let state = start;
  const sends: Array<SignalSend | undefined> = [];
  for (const observation of observations) {
    const step = stepSignal(state, observation, { consecutive });
    state = step.state;
    sends.push(step.send);
  }
  return { state, sends, sent: sends.filter(Boolean) };
}

describe('stepSignal', () => {
  it('takes the first observation as the baseline and sends nothing, even a bad one', () => {
    const { state, sent } = run([3]);
    expect(sent).toEqual([]);
    expect(state).toEqual({
      settled: 3,
      pending: null,
      pendingCount: 0,
      breachedFrom: null,
    });
  });

  it('keeps no state while a subject has never been observed', () => {
    expect(stepSignal(undefined, undefined, { consecutive: 2 })).toEqual({
      state: undefined,
    });
  });

  it('hysteresis: a worse rank is sent only once it held for the consecutive evaluations', () => {
    const { sends } = run([0, 2, 2], 2);
    expect(sends).toEqual([
      undefined,
      undefined,
      { type: 'breach', from: 0, to: 2 },
    ]);
    expect(run([0, 2, 2], 3).sent).toEqual([]);
    expect(run([0, 2, 2, 2], 3).sent).toEqual([
      { type: 'breach', from: 0, to: 2 },
    ]);
  });

  it('hysteresis: one evaluation is enough with consecutive 1', () => {
    expect(run([0, 1], 1).sent).toEqual([{ type: 'breach', from: 0, to: 1 }]);
  });

  it('a change that flips back before it held is forgotten and sends nothing', () => {
    const { sent, state } = run([0, 2, 0, 2, 0]);
    expect(sent).toEqual([]);
    expect(state).toMatchObject({ settled: 0, pending: null, pendingCount: 0 });
  });

  it('counts worse observations in a row even when the worse rank differs, and settles on the latest', () => {
    expect(run([0, 1, 2]).sent).toEqual([{ type: 'breach', from: 0, to: 2 }]);
  });

  it('once per crossing: a breach that holds is not sent again', () => {
    const { sent } = run([0, 2, 2, 2, 2, 2]);
    expect(sent).toEqual([{ type: 'breach', from: 0, to: 2 }]);
  });

  it('while a breach is open, getting worse still or better but not back sends nothing', () => {
    const { sent, state } = run([0, 1, 1, 3, 3, 2, 2]);
    expect(sent).toEqual([{ type: 'breach', from: 0, to: 1 }]);
    expect(state).toMatchObject({ settled: 2, breachedFrom: 0 });
  });

  it('recovery is sent once, when the rank is back to where it was before the breach', () => {
    const { sends } = run([1, 2, 2, 1, 1, 1, 1]);
    expect(sends.filter(Boolean)).toEqual([
      { type: 'breach', from: 1, to: 2 },
      { type: 'recovery', from: 2, to: 1 },
    ]);
    expect(sends[4]).toEqual({ type: 'recovery', from: 2, to: 1 });
  });

  it('recovery also counts a rank better than before the breach', () => {
    expect(run([1, 2, 2, 0, 0]).sent[1]).toEqual({
      type: 'recovery',
      from: 2,
      to: 0,
    });
  });

  it('a recovery needs the consecutive evaluations too', () => {
    expect(run([0, 1, 1, 0], 2).sent).toEqual([
      { type: 'breach', from: 0, to: 1 },
    ]);
  });

  it('getting better without an open breach sends nothing', () => {
    const { sent, state } = run([3, 1, 1]);
    expect(sent).toEqual([]);
    expect(state).toMatchObject({ settled: 1, breachedFrom: null });
  });

  it('a second crossing after a recovery is sent again', () => {
    expect(run([0, 1, 1, 0, 0, 1, 1]).sent).toEqual([
      { type: 'breach', from: 0, to: 1 },
      { type: 'recovery', from: 1, to: 0 },
      { type: 'breach', from: 0, to: 1 },
    ]);
  });

  it('missing observations neither count as a change nor reset the pending count', () => {
    const { sends, state } = run([0, 2, undefined, undefined, 2]);
    expect(sends[4]).toEqual({ type: 'breach', from: 0, to: 2 });
    expect(state).toMatchObject({ settled: 2 });
    // Missing before the baseline: the first real observation is the baseline.
    expect(run([undefined, 2, undefined]).state).toMatchObject({ settled: 2 });
    expect(run([undefined, 2, undefined]).sent).toEqual([]);
  });

  it('answers the same state object when nothing changed (nothing to store)', () => {
    const state: SignalState = {
      settled: 1,
      pending: null,
      pendingCount: 0,
      breachedFrom: null,
    };
    expect(stepSignal(state, 1, { consecutive: 2 }).state).toBe(state);
    expect(stepSignal(state, undefined, { consecutive: 2 }).state).toBe(state);
  });
});
