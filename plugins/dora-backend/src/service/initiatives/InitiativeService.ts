import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Initiative,
  InitiativeEntry,
  InitiativeListQuery,
  parseInitiative,
  parseStagedScorecard,
} from '@dora-metrics/plugin-dora-common';
import {
  InitiativeStore,
  StoredInitiative,
} from '../../database/InitiativeStore';
import { EntityCatalog } from '../EntityCatalog';
import { lowerRef } from '../scorecards/lowerRef';
import {
  InitiativeProgressReader,
  MeasuredInitiative,
} from './InitiativeProgressReader';
import { GradingInputs } from './gradingInputs';
import { InitiativeScorecards, InitiativeView } from './InitiativeView';
import { WeeklyGrader } from './WeeklyGrader';

/** Who writes, and when (epoch milliseconds). */
export interface InitiativeChangeBy {
  actor: string;
  now: number;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Initiatives: CRUD with validation (the model's, plus a target that names
 * a real scorecard, level or rule), and listing with progress, optionally
 * only those that concern a team.
 */
export class InitiativeService {
  private readonly progress: InitiativeProgressReader;

  constructor(
    private readonly deps: {
      store: InitiativeStore;
      scorecards: InitiativeScorecards;
      catalog: EntityCatalog;
      grader: WeeklyGrader;
      /** The kinds a scorecard without `filter.kinds` grades. */
      defaultKinds: string[];
      /** What grading reads besides definitions, to know when kept weeks are still right. */
      gradingInputs?: GradingInputs;
    },
  ) {
    this.progress = new InitiativeProgressReader(
      deps.grader,
      deps.gradingInputs,
    );
  }

  /** Every initiative with its progress; with `groupRef`, only those whose scope holds one of the team's entities now. */
  async list(
    query: InitiativeListQuery,
    now: number,
    credentials: BackstageCredentials,
  ): Promise<InitiativeEntry[]> {
    const stored = await this.deps.store.listInitiatives();
    const view = await this.viewOf(stored, credentials);
    if (query.groupRef === undefined) {
      const entries: InitiativeEntry[] = [];
      for (const s of stored) {
        entries.push(await this.entryOf(s, view, now, credentials));
      }
      return entries;
    }
    const { groupRef } = query;
    const team = await this.teamRefs(groupRef, view.kinds, credentials);
    const entries: InitiativeEntry[] = [];
    for (const s of stored) {
      if (!view.scopeOf(s.initiative).some(ref => team.has(ref))) continue;
      const measured = await this.progress.measure(s, view, now, credentials);
      const ours = measured.now.filter(e => team.has(lowerRef(e.entityRef)));
      entries.push({
        ...this.entryFrom(s, measured),
        team: {
          groupRef,
          entities: ours.length,
          meeting: ours.filter(e => e.meets).length,
          missing: ours
            .filter(e => !e.meets)
            .map(e => ({ entityRef: e.entityRef, misses: e.misses })),
        },
      });
    }
    return entries;
  }

  async get(
    id: string,
    now: number,
    credentials: BackstageCredentials,
  ): Promise<InitiativeEntry> {
    const stored = await this.deps.store.getInitiative(id);
    if (!stored) throw new NotFoundError(`No initiative ${id}`);
    return this.entryOf(
      stored,
      await this.viewOf([stored], credentials),
      now,
      credentials,
    );
  }

  async create(
    raw: unknown,
    by: InitiativeChangeBy,
    credentials: BackstageCredentials,
  ): Promise<InitiativeEntry> {
    const initiative = await this.validate(raw);
    if (
      !(await this.deps.store.createInitiative(initiative, by.now, by.actor))
    ) {
      throw new ConflictError(`Initiative ${initiative.id} exists already`);
    }
    return this.get(initiative.id, by.now, credentials);
  }

  async update(
    id: string,
    raw: unknown,
    by: InitiativeChangeBy,
    credentials: BackstageCredentials,
  ): Promise<InitiativeEntry> {
    if (isPlainObject(raw) && raw.id !== undefined && raw.id !== id) {
      throw new InputError(
        `Invalid initiative: id: is ${JSON.stringify(raw.id)}, but the path names ${id}`,
      );
    }
    const initiative = await this.validate(raw);
    if (
      !(await this.deps.store.updateInitiative(initiative, by.now, by.actor))
    ) {
      throw new NotFoundError(`No initiative ${id}`);
    }
    return this.get(id, by.now, credentials);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.deps.store.deleteInitiative(id))) {
      throw new NotFoundError(`No initiative ${id}`);
    }
  }

  /** The model's checks, then that the target names a scorecard, and a level or rule of it. */
  private async validate(raw: unknown): Promise<Initiative> {
    const parsed = parseInitiative(raw);
    if (!parsed.ok) {
      throw new InputError(`Invalid initiative: ${parsed.problems.join('; ')}`);
    }
    const { initiative } = parsed;
    const { target } = initiative;
    let definition: unknown;
    try {
      definition = (await this.deps.scorecards.get(target.scorecardId))
        .scorecard;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw new InputError(
        `Invalid initiative: target.scorecardId: there is no scorecard ${JSON.stringify(target.scorecardId)}`,
      );
    }
    const card = parseStagedScorecard(definition);
    if (!card.ok) {
      throw new InputError(
        `Invalid initiative: target.scorecardId: scorecard ${target.scorecardId} is not valid (${card.problems.join('; ')})`,
      );
    }
    const { levels, rules } = card.scorecard;
    if ('level' in target && !levels.includes(target.level)) {
      throw new InputError(
        `Invalid initiative: target.level: ${JSON.stringify(target.level)} is not a level of scorecard ${target.scorecardId} (${levels.join(', ')})`,
      );
    }
    if ('ruleId' in target && !rules.some(r => r.id === target.ruleId)) {
      throw new InputError(
        `Invalid initiative: target.ruleId: ${JSON.stringify(target.ruleId)} is not a rule of scorecard ${target.scorecardId} (${rules.map(r => r.id).join(', ')})`,
      );
    }
    return initiative;
  }

  private viewOf(
    stored: StoredInitiative[],
    credentials: BackstageCredentials,
  ) {
    return InitiativeView.load(
      stored.map(s => s.initiative),
      this.deps,
      credentials,
    );
  }

  /** Lower-cased refs of the team's entities (its subtree's), of the kinds the scorecards grade. */
  private async teamRefs(
    groupRef: string,
    kinds: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const team = await this.deps.catalog.teamEntities(
      groupRef,
      kinds,
      credentials,
    );
    return new Set(team.entities.map(e => lowerRef(stringifyEntityRef(e))));
  }

  private async entryOf(
    stored: StoredInitiative,
    view: InitiativeView,
    now: number,
    credentials: BackstageCredentials,
  ): Promise<InitiativeEntry> {
    return this.entryFrom(
      stored,
      await this.progress.measure(stored, view, now, credentials),
    );
  }

  private entryFrom(
    stored: StoredInitiative,
    measured: MeasuredInitiative,
  ): InitiativeEntry {
    return {
      initiative: stored.initiative,
      progress: measured.progress,
      createdAt: iso(stored.createdAt),
      updatedAt: iso(stored.updatedAt),
      updatedBy: stored.updatedBy,
    };
  }
}
