import { SimulationContext } from './simulationContext';
import { DAY, HOUR, WEEK, nextWorkingStart } from './workingTime';

/** Deploy attempt times over the window. */
export function deployAttempts(sim: SimulationContext): number[] {
  const d = sim.profile.deployments!;
  const attempts: number[] = [];
  if (d.cadence === 'continuous' && d.deploysPerWeek < 5) {
    // Fewer than one a day: fairly regular gaps, not Poisson bursts and droughts.
    const spread = 0.5;
    const medianGap =
      (WEEK / d.deploysPerWeek) * Math.exp((-spread * spread) / 2);
    let t = sim.from + sim.rng.float(DAY, 2 * DAY);
    for (;;) {
      t = nextWorkingStart(t + sim.rng.lognormal(medianGap, spread));
      t += sim.rng.float(HOUR, 8 * HOUR);
      if (t >= sim.to) break;
      attempts.push(t);
    }
    return attempts;
  }
  // Leave the first day for the first pull requests.
  for (let day = sim.from + DAY; day < sim.to; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (d.cadence === 'weekly') {
      // One release train a week, Thursday afternoon.
      if (weekday === 4 && !sim.rng.chance(d.cancelledTrainRate ?? 0)) {
        attempts.push(day + 14 * HOUR + sim.rng.float(-HOUR, HOUR));
      }
      continue;
    }
    const weekend = weekday === 0 || weekday === 6;
    const lambda = weekend ? d.deploysPerWeek * 0.01 : d.deploysPerWeek / 5;
    const count = sim.rng.poisson(lambda);
    for (let i = 0; i < count; i++) {
      attempts.push(
        day + 9 * HOUR + sim.rng.float(0, 8.5 * HOUR), // 09:00-17:30 UTC
      );
    }
  }
  return attempts.sort((a, b) => a - b);
}
