import { DurationSpec } from './random';

// Shorthands the service profiles are written in: a log-normal duration by
// its median and spread, bounds optional.

/** A duration around `medianMinutes`, bounded in minutes. */
export const minutes = (
  medianMinutes: number,
  spread: number,
  bounds: { min?: number; max?: number } = {},
): DurationSpec => ({
  medianMinutes,
  spread,
  minMinutes: bounds.min,
  maxMinutes: bounds.max,
});

/** A duration around `median` hours, bounded in hours. */
export const hours = (
  median: number,
  spread: number,
  bounds: { min?: number; max?: number } = {},
) =>
  minutes(median * 60, spread, {
    min: bounds.min === undefined ? undefined : bounds.min * 60,
    max: bounds.max === undefined ? undefined : bounds.max * 60,
  });
