import {
  Scorecard,
  ScorecardAuditEntry,
  StagedScorecard,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { countRows, doraTestDatabases } from '../testUtils';
import { KnexScorecardStore } from './KnexScorecardStore';
import { migrateDownThrough, migrateUp } from './migrations';
import { ScorecardWrite, StoredResult } from './ScorecardStore';

jest.setTimeout(60_000);

const databases = doraTestDatabases();

const scorecard = (id: string, title = 'Agreements'): Scorecard => ({
  id,
  title,
  levels: ['bronze'],
  rules: [
    {
      id: 'size',
      title: 'Small PRs',
      metric: 'pullRequests.size.p75',
      operator: '<=',
      threshold: 400,
      level: 'bronze',
    },
  ],
});

const write = (actor: string, now: number): ScorecardWrite => ({
  actor,
  now,
  audit: version => ({
    scorecardId: 'a',
    subject: 'scorecard',
    action: version === 1 ? 'created' : 'updated',
    actor,
    at: new Date(now).toISOString(),
    detail: { version },
  }),
});

const deletion = (id: string): ScorecardAuditEntry => ({
  scorecardId: id,
  subject: 'scorecard',
  action: 'deleted',
  actor: 'user:default/me',
  at: new Date(9).toISOString(),
  detail: {},
});

const stored = (
  scorecardId: string,
  entityRef: string,
  evaluatedAt: number,
  level: string | null,
  version: number | null = 1,
): StoredResult => ({
  record: {
    scorecardId,
    entityRef,
    evaluatedAt,
    level,
    result: { scorecardId, level, levels: [], rules: [], announced: [] },
    version,
  },
  regrade: { drafts: [], groupAncestry: ['group:default/team'] },
});

describe.each(databases.eachSupportedId())(
  'KnexScorecardStore on %s',
  databaseId => {
    let knex: Knex;
    let store: KnexScorecardStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      store = new KnexScorecardStore(knex);
    });
    beforeEach(async () => {
      for (const table of [
        'dora_scorecard_results',
        'dora_scorecards',
        'dora_scorecard_versions',
        'dora_scorecard_audit',
      ]) {
        await knex(table).delete();
      }
    });

    it('creates a scorecard once at version 1, refusing a second with the same id and writing nothing for it (issue 16)', async () => {
      expect(
        await store.createScorecard(scorecard('a'), write('me', 1)),
      ).toEqual({
        definition: scorecard('a'),
        version: 1,
        createdAt: 1,
        updatedAt: 1,
        updatedBy: 'me',
      });
      expect(
        await store.createScorecard(scorecard('a', 'Other'), write('you', 2)),
      ).toBeUndefined();
      expect((await store.getScorecard('a'))?.definition.title).toBe(
        'Agreements',
      );
      expect(await countRows(knex, 'dora_scorecard_versions')).toBe(1);
      expect(await countRows(knex, 'dora_scorecard_audit')).toBe(1);
    });

    it('updates only an existing scorecard, adding a version with its author and audit entry (issue 16)', async () => {
      expect(
        await store.updateScorecard(scorecard('missing'), write('me', 5)),
      ).toBeUndefined();
      await store.createScorecard(scorecard('a'), write('me', 1));
      const staged: StagedScorecard = {
        ...scorecard('a', 'Renamed'),
        activeFrom: '2027-01-01T00:00:00Z',
      };
      expect(await store.updateScorecard(staged, write('you', 5))).toEqual({
        definition: staged,
        version: 2,
        createdAt: 1,
        updatedAt: 5,
        updatedBy: 'you',
      });
      expect(await store.listVersions('a')).toEqual([
        {
          scorecardId: 'a',
          version: 2,
          scorecard: staged,
          changedBy: 'you',
          changedAt: new Date(5).toISOString(),
        },
        {
          scorecardId: 'a',
          version: 1,
          scorecard: scorecard('a'),
          changedBy: 'me',
          changedAt: new Date(1).toISOString(),
        },
      ]);
      expect((await store.getVersion('a', 1))?.scorecard.title).toBe(
        'Agreements',
      );
      const audit = await knex('dora_scorecard_audit').orderBy('id');
      expect(audit.map(a => JSON.parse(a.detail).version)).toEqual([1, 2]);
      expect(
        await store.updateScorecard(scorecard('missing'), write('me', 6)),
      ).toBeUndefined();
      expect(await countRows(knex, 'dora_scorecard_versions')).toBe(2);
    });

    it('undoes the scorecard write and its version when its audit entry cannot be written (issue 16)', async () => {
      await store.createScorecard(scorecard('a'), write('me', 1));
      const failing: ScorecardWrite = {
        ...write('you', 5),
        audit: () => {
          throw new Error('audit list unavailable');
        },
      };
      await expect(
        store.updateScorecard(scorecard('a', 'Renamed'), failing),
      ).rejects.toThrow('audit list unavailable');
      await expect(
        store.createScorecard(scorecard('b'), failing),
      ).rejects.toThrow('audit list unavailable');
      expect(await store.getScorecard('a')).toMatchObject({
        version: 1,
        definition: scorecard('a'),
      });
      expect(await store.getScorecard('b')).toBeUndefined();
      expect(await countRows(knex, 'dora_scorecard_versions')).toBe(1);
      expect(await countRows(knex, 'dora_scorecard_audit')).toBe(1);
    });

    it('gives concurrent updates distinct, consecutive versions (issue 16)', async () => {
      await store.createScorecard(scorecard('a'), write('me', 1));
      const versions = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.updateScorecard(
            scorecard('a', `Title ${i}`),
            write(`user${i}`, 10 + i),
          ),
        ),
      );
      expect(versions.map(v => v?.version).sort((x, y) => x! - y!)).toEqual([
        2, 3, 4, 5, 6, 7, 8, 9,
      ]);
      expect((await store.listVersions('a')).map(v => v.version)).toEqual([
        9, 8, 7, 6, 5, 4, 3, 2, 1,
      ]);
      expect((await store.getScorecard('a'))?.version).toBe(9);
    });

    it('deletes a scorecard with its results, keeping its versions; a new one of the same id continues them (issue 16)', async () => {
      await store.createScorecard(scorecard('a'), write('me', 1));
      await store.addResults([stored('a', 'component:default/x', 10, null)]);
      expect(await store.deleteScorecard('a', deletion('a'))).toBe(true);
      expect(await store.deleteScorecard('a', deletion('a'))).toBe(false);
      expect(await store.latestResults({})).toEqual([]);
      expect((await store.listVersions('a')).map(v => v.version)).toEqual([1]);
      expect(
        (await knex('dora_scorecard_audit').where({ action: 'deleted' }))
          .length,
      ).toBe(1);
      const again = await store.createScorecard(
        scorecard('a'),
        write('me', 20),
      );
      expect(again?.version).toBe(2);
    });

    it('gives the latest result per scorecard and entity, with its version and regrade inputs, narrowed by entity or scorecard (issue 16)', async () => {
      await store.addResults([
        stored('a', 'component:default/x', 10, 'bronze'),
        stored('a', 'component:default/x', 20, null, 3),
        stored('a', 'component:default/y', 10, 'bronze', null),
        stored('b', 'component:default/x', 15, 'gold'),
      ]);
      const latest = await store.latestResults({});
      expect(
        latest.map(({ record: r }) => [
          r.scorecardId,
          r.entityRef,
          r.evaluatedAt,
          r.level,
          r.version,
        ]),
      ).toEqual([
        ['a', 'component:default/x', 20, null, 3],
        ['a', 'component:default/y', 10, 'bronze', null],
        ['b', 'component:default/x', 15, 'gold', 1],
      ]);
      expect(latest[0].regrade.groupAncestry).toEqual(['group:default/team']);
      // The regrade inputs stay out of the record the API shows.
      expect(latest[0].record.result).not.toHaveProperty('regrade');
      const forX = await store.latestResults({
        entityRefs: ['component:default/x'],
        scorecardIds: ['a'],
      });
      expect(forX.map(r => r.record.evaluatedAt)).toEqual([20]);
    });

    it('keeps every evaluation as history, oldest first, and prunes old ones', async () => {
      await store.addResults(
        [10, 20, 30].map(t => stored('a', 'component:default/x', t, 'bronze')),
      );
      const history = await store.history({
        scorecardId: 'a',
        entityRef: 'component:default/x',
        from: 15,
        to: 31,
      });
      expect(history.map(r => [r.evaluatedAt, r.version])).toEqual([
        [20, 1],
        [30, 1],
      ]);
      expect(history[0].result).not.toHaveProperty('regrade');
      expect(await store.pruneResults(25)).toBe(2);
      const left = await store.history({
        scorecardId: 'a',
        entityRef: 'component:default/x',
        from: 0,
        to: 100,
      });
      expect(left.map(r => r.evaluatedAt)).toEqual([30]);
    });

    it('gives the level changes of a time range: each result whose level differs from the one before it, the first ever being none (issue 17)', async () => {
      const X = 'component:default/x';
      const Y = 'component:default/y';
      const Z = 'component:default/z';
      await store.addResults([
        // x: silver before the range, bronze and back to silver in it.
        stored('a', X, 5, 'silver'),
        stored('a', X, 12, 'bronze'),
        stored('a', X, 14, 'bronze'),
        stored('a', X, 16, 'silver'),
        // y: loses its level in the range, gets it back after it.
        stored('a', Y, 8, 'bronze'),
        stored('a', Y, 13, null),
        stored('a', Y, 25, 'bronze'),
        // z: first evaluated in the range (no change), then unchanged.
        stored('a', Z, 11, null),
        stored('a', Z, 15, null),
        // Another scorecard of x, changed before the range only.
        stored('b', X, 2, null),
        stored('b', X, 6, 'bronze'),
        stored('b', X, 17, 'bronze'),
      ]);
      expect(await store.levelChanges({ from: 10, to: 20 })).toEqual([
        {
          scorecardId: 'a',
          entityRef: X,
          evaluatedAt: 12,
          from: 'silver',
          to: 'bronze',
        },
        {
          scorecardId: 'a',
          entityRef: Y,
          evaluatedAt: 13,
          from: 'bronze',
          to: null,
        },
        {
          scorecardId: 'a',
          entityRef: X,
          evaluatedAt: 16,
          from: 'bronze',
          to: 'silver',
        },
      ]);
      expect(await store.levelChanges({ from: 20, to: 30 })).toEqual([
        {
          scorecardId: 'a',
          entityRef: Y,
          evaluatedAt: 25,
          from: null,
          to: 'bronze',
        },
      ]);
    });

    it('migrates existing scorecards to version 1 by their last audited author, and back (issue 16)', async () => {
      await migrateDownThrough(knex, '20261202170000');
      try {
        await knex('dora_scorecards').insert({
          id: 'old',
          definition: JSON.stringify(scorecard('old')),
          created_at: 1,
          updated_at: 7,
        });
        await knex('dora_scorecard_audit').insert({
          scorecard_id: 'old',
          subject: 'scorecard',
          action: 'updated',
          actor: 'user:default/author',
          at: 7,
          detail: '{}',
        });
        await knex('dora_scorecard_results').insert({
          scorecard_id: 'old',
          entity_ref: 'component:default/x',
          evaluated_at: 7,
          level: 'bronze',
          result: JSON.stringify({
            scorecardId: 'old',
            level: 'bronze',
            levels: [],
            rules: [],
          }),
        });
      } finally {
        await migrateUp(knex);
      }
      expect(await store.getScorecard('old')).toMatchObject({
        version: 1,
        updatedBy: 'user:default/author',
      });
      expect(await store.listVersions('old')).toEqual([
        {
          scorecardId: 'old',
          version: 1,
          scorecard: scorecard('old'),
          changedBy: 'user:default/author',
          changedAt: new Date(7).toISOString(),
        },
      ]);
      const [old] = await store.latestResults({ scorecardIds: ['old'] });
      expect(old.record.version).toBeNull();
      expect(old.regrade).toEqual({ drafts: [], groupAncestry: [] });
    });
  },
);
