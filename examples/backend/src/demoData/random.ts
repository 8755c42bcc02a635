/**
 * A tiny seeded pseudo-random number generator for the demo data: the same
 * seed always gives the same sequence, on every platform.
 */
import { mulberry32 } from '@dora-metrics/plugin-dora-common';

export { mulberry32 };

/** A 32-bit seed derived from a seed and a label (FNV-1a), so each label gets its own stream. */
export function deriveSeed(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** How a duration is spread: a log-normal around a median, optionally clamped. */
export interface DurationSpec {
  /** The median, in minutes. */
  medianMinutes: number;
  /** The standard deviation of the logarithm: 0.3 is tight, 1 is wide. */
  spread: number;
  minMinutes?: number;
  maxMinutes?: number;
}

const MINUTE_MS = 60_000;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1), or in [min, max) when given. */
  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** A key of `weights`, each with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [key, weight] of entries) {
      r -= weight;
      if (r < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** A standard normal sample (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal sample with the given median and log standard deviation. */
  lognormal(median: number, spread: number): number {
    return median * Math.exp(spread * this.normal());
  }

  /** A duration in milliseconds, whole seconds, at least one minute unless `minMinutes` says less. */
  duration(spec: DurationSpec): number {
    const minutes = Math.min(
      spec.maxMinutes ?? Infinity,
      Math.max(
        spec.minMinutes ?? 1,
        this.lognormal(spec.medianMinutes, spec.spread),
      ),
    );
    return Math.round((minutes * MINUTE_MS) / 1000) * 1000;
  }

  /** A Poisson-distributed count with mean `lambda` (Knuth; fine for small means). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** `length` random lower-case hex digits (a git SHA is 40). */
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[Math.floor(this.next() * 16)];
    return out;
  }

  /** `length` random upper-case letters and digits. */
  alphanumeric(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      out += ALPHANUMERIC[Math.floor(this.next() * ALPHANUMERIC.length)];
    }
    return out;
  }
}
