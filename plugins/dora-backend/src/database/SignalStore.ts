import { SignalState } from '@dora-metrics/plugin-dora-common';

/** One signal's state as stored. */
export interface StoredSignal {
  key: string;
  /** The signal kind (`ruleFailed`, `metricBand`, `reviewHeadsUp`…). */
  kind: string;
  subjectRef: string;
  state: SignalState;
  /** Grows by one with each write: what a conditional write compares. */
  revision: number;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/** A state to write: a new signal (no `revision`) or one read at `revision`. */
export interface SignalWrite {
  key: string;
  kind: string;
  subjectRef: string;
  state: SignalState;
  /** The revision read; absent for a signal not stored yet. */
  revision?: number;
}

/** The only place that knows how signal states are stored. */
export interface SignalStore {
  /** The stored states of the given keys (those that have one), by key. */
  readSignals(keys: string[]): Promise<Map<string, StoredSignal>>;
  /**
   * Writes each state only if no one else wrote it since it was read: a new
   * signal only if it is still absent, a stored one only if it is still at
   * the revision read. Each write is one atomic statement; answers the keys
   * written (the others were won by a concurrent evaluation).
   */
  writeSignals(writes: SignalWrite[], at: number): Promise<Set<string>>;
}
