import {
  ParsedScorecard,
  ScorecardEntry,
  ScorecardStaging,
  ScorecardVersion,
  StagedScorecard,
  parseStagedScorecard,
} from '@dora-metrics/plugin-dora-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ScorecardStore, StoredScorecard } from '../../database/ScorecardStore';
import { ScorecardDefinition } from '../doraConfig';
import { ScorecardChangeBy, scorecardAuditEntry } from './scorecardAudit';

/** Who made an app-config scorecard's only version. */
export const CONFIG_ACTOR = 'app-config';

/** A valid scorecard with its stages, or a 400 listing what is wrong with it (paths such as `rules[1].activeFrom`). */
export function parseStagedOrThrow(raw: unknown): {
  scorecard: ParsedScorecard;
  staging: ScorecardStaging;
} {
  const parsed = parseStagedScorecard(raw);
  if (!parsed.ok) {
    throw new InputError(`Invalid scorecard: ${parsed.problems.join('; ')}`);
  }
  return parsed;
}

/** A valid scorecard (staging fields allowed, and left out), or a 400 listing what is wrong with it. */
export function parseOrThrow(raw: unknown): ParsedScorecard {
  return parseStagedOrThrow(raw).scorecard;
}

/** A scorecard as it grades now: parsed, with its stages and the version it is at. */
export interface CurrentScorecard {
  scorecard: ParsedScorecard;
  staging: ScorecardStaging;
  version: number;
}

const apiEntry = (stored: StoredScorecard): ScorecardEntry => ({
  scorecard: stored.definition,
  source: 'api',
  readOnly: false,
  version: stored.version,
  updatedAt: new Date(stored.updatedAt).toISOString(),
  ...(stored.updatedBy !== null && { updatedBy: stored.updatedBy }),
});

/**
 * The scorecards of app-config (read-only, version 1) and of the API
 * (stored, versioned): listing, CRUD and versions.
 */
export class ScorecardDefinitions {
  constructor(
    private readonly store: ScorecardStore,
    private readonly fromConfig: ScorecardDefinition[],
    private readonly logger: LoggerService,
    /** When app-config was read: the instant of a config scorecard's version 1. */
    private readonly configReadAt: number = Date.now(),
  ) {}

  async list(): Promise<ScorecardEntry[]> {
    const stored = await this.store.listScorecards();
    return [
      ...this.fromConfig.map(c => ({
        scorecard: c.definition,
        source: 'config' as const,
        readOnly: true,
        version: 1,
      })),
      ...stored.map(apiEntry),
    ];
  }

  async get(id: string): Promise<ScorecardEntry> {
    const entry = (await this.list()).find(e => e.scorecard.id === id);
    if (!entry) throw new NotFoundError(`No scorecard ${id}`);
    return entry;
  }

  async create(raw: unknown, by: ScorecardChangeBy): Promise<ScorecardEntry> {
    const parsed = parseOrThrow(raw);
    const definition = raw as StagedScorecard;
    if (this.fromConfig.some(c => c.parsed.id === parsed.id)) {
      throw new ConflictError(
        `Scorecard ${parsed.id} is defined in app-config`,
      );
    }
    const stored = await this.store.createScorecard(definition, {
      ...by,
      audit: version =>
        scorecardAuditEntry({
          ...by,
          scorecardId: parsed.id,
          action: 'created',
          definition,
          version,
        }),
    });
    if (!stored) {
      throw new ConflictError(`Scorecard ${parsed.id} exists already`);
    }
    return apiEntry(stored);
  }

  async update(
    id: string,
    raw: unknown,
    by: ScorecardChangeBy,
  ): Promise<ScorecardEntry> {
    const parsed = parseOrThrow(raw);
    if (parsed.id !== id) {
      throw new InputError(`The body's id ${parsed.id} is not ${id}`);
    }
    this.assertWritable(id);
    const definition = raw as StagedScorecard;
    const stored = await this.store.updateScorecard(definition, {
      ...by,
      audit: version =>
        scorecardAuditEntry({
          ...by,
          scorecardId: id,
          action: 'updated',
          definition,
          version,
        }),
    });
    if (!stored) throw new NotFoundError(`No scorecard ${id}`);
    return apiEntry(stored);
  }

  async delete(id: string, by: ScorecardChangeBy): Promise<void> {
    this.assertWritable(id);
    const audit = scorecardAuditEntry({
      ...by,
      scorecardId: id,
      action: 'deleted',
    });
    if (!(await this.store.deleteScorecard(id, audit))) {
      throw new NotFoundError(`No scorecard ${id}`);
    }
  }

  /**
   * Every version, newest first: one for a config scorecard; the kept
   * versions of a deleted one (404 only when there are none).
   */
  async versions(id: string): Promise<ScorecardVersion[]> {
    const config = this.fromConfig.find(c => c.parsed.id === id);
    if (config) return [this.configVersion(config)];
    const versions = await this.store.listVersions(id);
    if (versions.length === 0) throw new NotFoundError(`No scorecard ${id}`);
    return versions;
  }

  /** Every valid scorecard; a stored one that no longer parses is skipped with a warning. */
  async parsed(): Promise<ParsedScorecard[]> {
    return (await this.current()).map(c => c.scorecard);
  }

  /** Every valid scorecard with its stages and version, as listed. */
  async current(): Promise<CurrentScorecard[]> {
    const stored = await this.store.listScorecards();
    const current: CurrentScorecard[] = this.fromConfig.map(c => ({
      scorecard: c.parsed,
      staging: c.staging,
      version: 1,
    }));
    for (const { definition, version } of stored) {
      const result = parseStagedScorecard(definition);
      if (result.ok) {
        current.push({
          scorecard: result.scorecard,
          staging: result.staging,
          version,
        });
      } else {
        this.logger.warn(`Skipping invalid stored scorecard ${definition.id}`);
      }
    }
    return current;
  }

  /** The stages of one version of a scorecard; undefined when that version is not kept or no longer parses. */
  async stagingOf(
    id: string,
    version: number,
  ): Promise<ScorecardStaging | undefined> {
    const config = this.fromConfig.find(c => c.parsed.id === id);
    if (config) return version === 1 ? config.staging : undefined;
    const kept = await this.store.getVersion(id, version);
    if (!kept) return undefined;
    const parsed = parseStagedScorecard(kept.scorecard);
    return parsed.ok ? parsed.staging : undefined;
  }

  private configVersion(config: ScorecardDefinition): ScorecardVersion {
    return {
      scorecardId: config.parsed.id,
      version: 1,
      scorecard: config.definition,
      changedBy: CONFIG_ACTOR,
      changedAt: new Date(this.configReadAt).toISOString(),
    };
  }

  private assertWritable(id: string) {
    if (this.fromConfig.some(c => c.parsed.id === id)) {
      throw new ConflictError(
        `Scorecard ${id} is defined in app-config and is read-only through the API`,
      );
    }
  }
}
