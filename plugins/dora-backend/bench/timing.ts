/* eslint-disable no-console -- printing the figures is its job */
import { percentileOfSorted } from '@dora-metrics/plugin-dora-common';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Medians and p95 of a sample of durations (ms) or rates. */
export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export function summarize(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => percentileOfSorted(sorted, p) ?? NaN;
  return {
    runs: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Runs `fn` `warmUps` times unmeasured, then `runs` times measured, one at a time. */
export async function measure(
  fn: () => Promise<unknown> | unknown,
  { warmUps, runs }: { warmUps: number; runs: number },
): Promise<Timing> {
  for (let i = 0; i < warmUps; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return summarize(times);
}

const gc = (globalThis as { gc?: () => void }).gc;
export const hasGc = gc !== undefined;
/** A full garbage collection before a measurement (with --expose-gc). */
export const collect = () => gc?.();

export const ms = (value: number) => value.toFixed(1);
export const secs = (millis: number) => (millis / 1000).toFixed(2);
export const int = (value: number) => Math.round(value).toLocaleString('en-US');
export const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
export const sleep = (millis: number) =>
  new Promise(resolve => setTimeout(resolve, millis));

/** A table row: label, runs, p50 and p95 in ms, then free columns. */
export function timingRow(
  label: string,
  timing: Timing,
  ...rest: string[]
): string[] {
  return [label, String(timing.runs), ms(timing.p50), ms(timing.p95), ...rest];
}

const benchStart = performance.now();
export const elapsedMs = () => performance.now() - benchStart;

export function progress(message: string) {
  const elapsed = (elapsedMs() / 1000).toFixed(0);
  console.log(`  [${elapsed.padStart(4)} s] ${message}`);
}

/**
 * Watches how long the event loop (shared by the client and the backend in
 * this process) is blocked: a synchronous engine run or JSON parse stalls
 * every request meanwhile.
 */
export function watchEventLoop(): () => { p99Ms: number; maxMs: number } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return () => {
    histogram.disable();
    return {
      p99Ms: histogram.percentile(99) / 1e6,
      maxMs: histogram.max / 1e6,
    };
  };
}
