import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DoraSettings,
  EntityFacts,
  classifyEntity,
  entityFacts,
} from '@dora-metrics/plugin-dora-common';
import { randomUUID } from 'crypto';
import { DoraStore } from '../database/DoraStore';
import { FactState, FactStore } from '../database/FactStore';
import { factsFromCut } from './factsFromCut';

/** The settings facts were built with, as a stable string. */
export function settingsKey(settings: DoraSettings): string {
  const key: unknown[] = [
    settings.productionEnvironments,
    settings.changeFailureMode,
    settings.attributionWindowSeconds,
    settings.incidentSource,
  ];
  // Only when set, so that facts built before exclusions existed stay current.
  if (settings.exclusions || settings.excludedDeployments === 'skip') {
    key.push(
      settings.exclusions ?? null,
      settings.excludedDeployments ?? 'count',
    );
  }
  return JSON.stringify(key);
}

/** Whether stored facts can answer for an entity with these settings. */
export function isCurrent(state: FactState, settings: DoraSettings): boolean {
  return (
    state.builtGeneration === state.generation &&
    state.settingsKey === settingsKey(settings)
  );
}

export interface FactsServiceOptions {
  store: DoraStore;
  facts: FactStore;
  /** The settings of each entity (see EntitySettings), by lower-cased ref. */
  settingsOf: (entityRefs: string[]) => Promise<Map<string, DoraSettings>>;
  logger: LoggerService;
  /** How long a replica may hold an entity before others take it over. */
  leaseMs?: number;
  /** How often to look for entities that other replicas wrote to. */
  pollMs?: number;
  now?: () => number;
}

const BATCH = 50;
/** Cuts tried further back before a rebuild takes the whole history. */
const MAX_CUTS = 3;
const PROGRESS_EVERY_MS = 10_000;

/**
 * Keeps every entity's facts current. A write marks its entities stale (in
 * its own transaction); this service rebuilds stale entities in the
 * background, one at a time per replica, each under a lease in the database
 * so that replicas share the work, never build one entity twice at once,
 * and take over what a dead replica left. A rebuild runs the engine over the
 * entity's history from the earliest instant written to (see fromCut), or
 * its whole history, and replaces those facts in one transaction.
 */
export class FactsService {
  private readonly owner = randomUUID();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly now: () => number;
  private running: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private kicked = false;

  constructor(private readonly options: FactsServiceOptions) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.pollMs = options.pollMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** Starts the background loop. */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.loop().catch(error =>
      this.options.logger.error(`DORA facts loop stopped: ${error}`),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.running;
    this.running = undefined;
  }

  /** How many entities have current and out-of-date facts. */
  async status(): Promise<{ current: number; stale: number }> {
    return this.options.facts.counts();
  }

  /** Tells the loop that something was written. */
  notify(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Builds every stale entity this replica can take; returns how many it built. */
  async drain(): Promise<number> {
    let built = 0;
    let total: number | undefined;
    let lastReport = this.now();
    for (;;) {
      const refs = await this.options.facts.staleEntities(this.now(), BATCH);
      if (refs.length === 0 || this.stopped) break;
      if (total === undefined) {
        total = (await this.options.facts.counts()).stale;
        if (total >= BATCH) {
          this.options.logger.info(
            `Building DORA facts for ${total} entities in the background`,
          );
        }
      }
      const settings = await this.options.settingsOf(refs);
      let builtInBatch = 0;
      for (const ref of refs) {
        if (this.stopped) break;
        if (await this.build(ref, settings.get(ref))) builtInBatch++;
      }
      built += builtInBatch;
      if (this.now() - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = this.now();
        this.options.logger.info(
          `DORA facts: ${built} of ${total} entities built`,
        );
      }
      // Every entity of the batch is leased by another replica: let it work.
      if (builtInBatch === 0) break;
    }
    if (total !== undefined && total >= BATCH) {
      this.options.logger.info(`DORA facts: ${built} entities built, done`);
    }
    return built;
  }

  /**
   * Builds one entity's facts if this replica can take its lease. False
   * when another replica holds it or took it over meanwhile.
   */
  async build(entityRef: string, settings?: DoraSettings): Promise<boolean> {
    const { facts } = this.options;
    const claimed = await facts.claim(
      entityRef,
      this.owner,
      this.now(),
      this.leaseMs,
    );
    if (claimed === undefined) return false;
    try {
      const resolved =
        settings ??
        (await this.options.settingsOf([entityRef])).get(entityRef)!;
      const key = settingsKey(resolved);
      const fromCut =
        claimed.builtGeneration !== null &&
        claimed.settingsKey === key &&
        claimed.dirtyFrom !== null
          ? await this.fromCut(entityRef, resolved, claimed.dirtyFrom)
          : undefined;
      return await facts.saveFacts({
        entityRef,
        owner: this.owner,
        generation: claimed.generation,
        settingsKey: key,
        facts: fromCut?.facts ?? (await this.fromEvents(entityRef, resolved)),
        from: fromCut?.cut,
        now: this.now(),
      });
    } catch (error) {
      await facts.release(entityRef, this.owner);
      this.options.logger.warn(
        `Could not build the DORA facts of ${entityRef}: ${error}`,
      );
      return false;
    }
  }

  /**
   * An entity's facts from the earliest instant written to on, less what
   * the attribution rule looks back, and further back while an event before
   * the cut is linked to one after it. Undefined when the whole history
   * must be rebuilt, or costs less to (most of it sits after the cut).
   */
  async fromCut(
    entityRef: string,
    settings: DoraSettings,
    dirtyFrom: number,
  ): Promise<{ facts: EntityFacts; cut: number } | undefined> {
    const lookBackMs = (settings.attributionWindowSeconds ?? 0) * 1000;
    let cut = dirtyFrom - lookBackMs;
    for (let attempt = 0; attempt < MAX_CUTS; attempt++) {
      const reading = await this.options.facts.readCut(entityRef, cut, {
        productionEnvironments: settings.productionEnvironments,
        pipelineMode: settings.changeFailureMode === 'pipeline',
      });
      if (!reading) return undefined;
      const outcome = factsFromCut(entityRef, settings, reading);
      if ('facts' in outcome) return { facts: outcome.facts, cut };
      if ('whole' in outcome) {
        this.options.logger.debug(
          `DORA facts of ${entityRef} rebuilt whole: ${outcome.whole}`,
        );
        return undefined;
      }
      cut = Math.min(cut, outcome.reachBack);
    }
    return undefined;
  }

  /** An entity's facts computed now from every one of its events. */
  async fromEvents(
    entityRef: string,
    settings: DoraSettings,
  ): Promise<EntityFacts> {
    const timeline = await this.options.store.readEntityTimeline(entityRef);
    return entityFacts(classifyEntity({ entityRef, timeline, settings }));
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.kicked = false;
      try {
        await this.drain();
      } catch (error) {
        this.options.logger.warn(`DORA facts: ${error}`);
      }
      if (this.stopped || this.kicked) continue;
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
