import {
  ParsedScorecard,
  Scorecard,
  ScorecardEntry,
  parseScorecard,
} from '@dora-metrics/plugin-dora-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ScorecardStore } from '../../database/ScorecardStore';
import { ScorecardDefinition } from '../doraConfig';
import { ScorecardAuditStore } from '../../database/ExemptionStore';
import { auditScorecardChange, ScorecardChangeBy } from './scorecardAudit';

/** A valid scorecard, or a 400 listing what is wrong with it. */
export function parseOrThrow(raw: unknown): ParsedScorecard {
  const parsed = parseScorecard(raw);
  if (!parsed.ok) {
    throw new InputError(`Invalid scorecard: ${parsed.problems.join('; ')}`);
  }
  return parsed.scorecard;
}

/** The scorecards of app-config (read-only) and of the API (stored): listing and CRUD. */
export class ScorecardDefinitions {
  constructor(
    private readonly store: ScorecardStore,
    private readonly fromConfig: ScorecardDefinition[],
    private readonly logger: LoggerService,
    private readonly audit?: ScorecardAuditStore,
  ) {}

  async list(): Promise<ScorecardEntry[]> {
    const stored = await this.store.listScorecards();
    return [
      ...this.fromConfig.map(c => ({
        scorecard: c.definition,
        source: 'config' as const,
        readOnly: true,
      })),
      ...stored.map(s => ({
        scorecard: s.definition,
        source: 'api' as const,
        readOnly: false,
      })),
    ];
  }

  async get(id: string): Promise<ScorecardEntry> {
    const entry = (await this.list()).find(e => e.scorecard.id === id);
    if (!entry) throw new NotFoundError(`No scorecard ${id}`);
    return entry;
  }

  async create(raw: unknown, by: ScorecardChangeBy): Promise<ScorecardEntry> {
    const { now } = by;
    const parsed = parseOrThrow(raw);
    const definition = raw as Scorecard;
    if (this.fromConfig.some(c => c.parsed.id === parsed.id)) {
      throw new ConflictError(
        `Scorecard ${parsed.id} is defined in app-config`,
      );
    }
    if (!(await this.store.createScorecard(definition, now))) {
      throw new ConflictError(`Scorecard ${parsed.id} exists already`);
    }
    await auditScorecardChange(this.audit, {
      ...by,
      scorecardId: parsed.id,
      action: 'created',
      definition,
    });
    return { scorecard: definition, source: 'api', readOnly: false };
  }

  async update(
    id: string,
    raw: unknown,
    by: ScorecardChangeBy,
  ): Promise<ScorecardEntry> {
    const { now } = by;
    const parsed = parseOrThrow(raw);
    if (parsed.id !== id) {
      throw new InputError(`The body's id ${parsed.id} is not ${id}`);
    }
    this.assertWritable(id);
    const definition = raw as Scorecard;
    if (!(await this.store.updateScorecard(definition, now))) {
      throw new NotFoundError(`No scorecard ${id}`);
    }
    await auditScorecardChange(this.audit, {
      ...by,
      scorecardId: id,
      action: 'updated',
      definition,
    });
    return { scorecard: definition, source: 'api', readOnly: false };
  }

  async delete(id: string, by: ScorecardChangeBy): Promise<void> {
    this.assertWritable(id);
    if (!(await this.store.deleteScorecard(id))) {
      throw new NotFoundError(`No scorecard ${id}`);
    }
    await auditScorecardChange(this.audit, {
      ...by,
      scorecardId: id,
      action: 'deleted',
    });
  }

  /** Every valid scorecard; a stored one that no longer parses is skipped with a warning. */
  async parsed(): Promise<ParsedScorecard[]> {
    const stored = await this.store.listScorecards();
    const parsed: ParsedScorecard[] = this.fromConfig.map(c => c.parsed);
    for (const { definition } of stored) {
      const result = parseScorecard(definition);
      if (result.ok) parsed.push(result.scorecard);
      else
        this.logger.warn(`Skipping invalid stored scorecard ${definition.id}`);
    }
    return parsed;
  }

  private assertWritable(id: string) {
    if (this.fromConfig.some(c => c.parsed.id === id)) {
      throw new ConflictError(
        `Scorecard ${id} is defined in app-config and is read-only through the API`,
      );
    }
  }
}
