/**
 * The state of one signal (an entity's rule, level or metric band): an
 * ordinal observation, rank 0 the best. A change is believed only once it
 * has held for `consecutive` evaluations (hysteresis); then it is settled,
 * and a message goes out when it opens a breach (worse than settled) or
 * closes one (back to where it was before the breach, or better).
 */
export interface SignalState {
  /** The rank last believed. */
  settled: number;
  /** The latest rank seen on the same side of `settled`, not held long enough yet. */
  pending: number | null;
  /** How many evaluations in a row have seen a rank on that side. */
  pendingCount: number;
  /** The settled rank before the breach still open; `null` when none is open. */
  breachedFrom: number | null;
}

/** What a settled change tells people: from one rank to another. */
export interface SignalSend {
  type: 'breach' | 'recovery';
  from: number;
  to: number;
}

export interface SignalStep {
  /** `undefined` only while a subject has never been observed. */
  state: SignalState | undefined;
  send?: SignalSend;
}

/**
 * One evaluation of a signal. `observation` is the rank seen now, or
 * `undefined` when there is none (no data, not applicable): a missing
 * observation changes nothing, neither the settled rank nor the count of a
 * pending change. The first observation is the baseline: nothing is sent.
 * While a breach is open, getting worse still or better but not back sends
 * nothing; the recovery is sent once, when it is back.
 */
export function stepSignal(
  state: SignalState | undefined,
  observation: number | undefined,
  options: { consecutive: number },
): SignalStep {
  if (observation === undefined) return { state };
  if (!state) {
    return {
      state: {
        settled: observation,
        pending: null,
        pendingCount: 0,
        breachedFrom: null,
      },
    };
  }
  if (observation === state.settled) {
    // Back where it was: a change that did not hold is forgotten.
    return state.pending === null
      ? { state }
      : { state: { ...state, pending: null, pendingCount: 0 } };
  }
  const worse = observation > state.settled;
  const sameSide =
    state.pending !== null && state.pending > state.settled === worse;
  const pendingCount = sameSide ? state.pendingCount + 1 : 1;
  if (pendingCount < options.consecutive) {
    return { state: { ...state, pending: observation, pendingCount } };
  }
  const from = state.settled;
  const settled: SignalState = {
    settled: observation,
    pending: null,
    pendingCount: 0,
    breachedFrom: state.breachedFrom,
  };
  if (state.breachedFrom === null) {
    if (!worse) return { state: settled };
    return {
      state: { ...settled, breachedFrom: from },
      send: { type: 'breach', from, to: observation },
    };
  }
  if (observation <= state.breachedFrom) {
    return {
      state: { ...settled, breachedFrom: null },
      send: { type: 'recovery', from, to: observation },
    };
  }
  return { state: settled };
}

/** Whether a change is seen and not yet held long enough to be believed. */
export function isPending(state: SignalState | undefined): boolean {
  return state !== undefined && state.pending !== null;
}
