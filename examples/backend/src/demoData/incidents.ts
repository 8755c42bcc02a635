import { DemoIncidentEvent } from './demoEvents';
import { SimulationContext } from './simulationContext';
import { DAY, HOUR, WEEK, iso } from './workingTime';

/** Writes one service's incidents. */
export class IncidentWriter {
  private incidentNumber = 0;

  constructor(private readonly sim: SimulationContext) {}

  incident(
    openedAt: number,
    fields: Partial<DemoIncidentEvent>,
  ): DemoIncidentEvent {
    const { rng, profile } = this.sim;
    const p = profile.incidents!;
    let id: string;
    if (p.tool === 'pagerduty') {
      id = this.sim.ids.claim('pagerduty', () => `Q${rng.alphanumeric(13)}`);
    } else if (p.tool === 'opsgenie') {
      id = this.sim.ids.claim('opsgenie', () => {
        const h = rng.hex(32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      });
    } else {
      id = this.sim.ids.claim(
        'webhook',
        () =>
          `${profile.name}-INC-${String(++this.incidentNumber).padStart(4, '0')}`,
      );
    }
    const omitEntityRef =
      p.serviceId !== undefined && rng.chance(p.omitEntityRefRate);
    const symptom = rng.pick([
      'Elevated 5xx on',
      'Latency spike in',
      'Errors in',
      'Degraded',
      'Timeouts in',
    ]);
    const event: DemoIncidentEvent = {
      kind: 'incident',
      source: p.tool,
      id,
      ...(omitEntityRef ? {} : { entityRef: this.sim.entityRef }),
      ...(p.serviceId ? { serviceId: p.serviceId } : {}),
      title: `${symptom} ${rng.pick(profile.topics)}`,
      openedAt: iso(openedAt),
      severity: rng.pick(p.severities),
      ...fields,
    };
    this.sim.events.push(event);
    return event;
  }

  /** Incidents no change caused (load, a dependency, a cloud outage), and a few still open. */
  backgroundIncidents(): void {
    const p = this.sim.profile.incidents;
    if (!p) return;
    const { rng } = this.sim;
    const weeks = (this.sim.to - this.sim.from) / WEEK;
    const count = rng.poisson(p.backgroundPerWeek * weeks);
    for (let i = 0; i < count; i++) {
      const openedAt = rng.float(this.sim.from, this.sim.to);
      const resolvedAt = openedAt + rng.duration(p.duration);
      const incident = this.incident(
        openedAt,
        rng.chance(p.notCausedByDeploymentRate)
          ? { causedByDeployment: false }
          : {},
      );
      if (resolvedAt < this.sim.to) incident.resolvedAt = iso(resolvedAt);
    }
    for (let i = 0; i < p.stillOpen; i++) {
      const openedAt = this.sim.to - rng.float(2 * HOUR, 3 * DAY);
      this.incident(openedAt, { causedByDeployment: false });
    }
  }
}
