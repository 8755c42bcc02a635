import {
  Scorecard,
  ScorecardResult,
  ScorecardResultRecord,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { doraTestDatabases } from '../testUtils';
import { KnexScorecardStore } from './KnexScorecardStore';
import { migrateUp } from './migrations';

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

const record = (
  scorecardId: string,
  entityRef: string,
  evaluatedAt: number,
  level: string | null,
): ScorecardResultRecord => ({
  scorecardId,
  entityRef,
  evaluatedAt,
  level,
  result: { scorecardId, level, levels: [], rules: [] } as ScorecardResult,
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
      await knex('dora_scorecard_results').delete();
      await knex('dora_scorecards').delete();
    });

    it('creates a scorecard once, refusing a second with the same id', async () => {
      expect(await store.createScorecard(scorecard('a'), 1)).toBe(true);
      expect(await store.createScorecard(scorecard('a', 'Other'), 2)).toBe(
        false,
      );
      expect(await store.getScorecard('a')).toEqual({
        definition: scorecard('a'),
        createdAt: 1,
        updatedAt: 1,
      });
    });

    it('updates only an existing scorecard', async () => {
      expect(await store.updateScorecard(scorecard('missing'), 5)).toBe(false);
      await store.createScorecard(scorecard('a'), 1);
      expect(await store.updateScorecard(scorecard('a', 'Renamed'), 5)).toBe(
        true,
      );
      const stored = await store.getScorecard('a');
      expect(stored?.definition.title).toBe('Renamed');
      expect(stored?.updatedAt).toBe(5);
    });

    it('deletes a scorecard together with its results', async () => {
      await store.createScorecard(scorecard('a'), 1);
      await store.addResults([record('a', 'component:default/x', 10, null)]);
      expect(await store.deleteScorecard('a')).toBe(true);
      expect(await store.deleteScorecard('a')).toBe(false);
      expect(await store.latestResults({})).toEqual([]);
    });

    it('gives the latest result per scorecard and entity, narrowed by entity or scorecard', async () => {
      await store.addResults([
        record('a', 'component:default/x', 10, 'bronze'),
        record('a', 'component:default/x', 20, null),
        record('a', 'component:default/y', 10, 'bronze'),
        record('b', 'component:default/x', 15, 'gold'),
      ]);
      const latest = await store.latestResults({});
      expect(
        latest.map(r => [r.scorecardId, r.entityRef, r.evaluatedAt, r.level]),
      ).toEqual([
        ['a', 'component:default/x', 20, null],
        ['a', 'component:default/y', 10, 'bronze'],
        ['b', 'component:default/x', 15, 'gold'],
      ]);
      const forX = await store.latestResults({
        entityRefs: ['component:default/x'],
        scorecardIds: ['a'],
      });
      expect(forX.map(r => r.evaluatedAt)).toEqual([20]);
    });

    it('keeps every evaluation as history, oldest first, and prunes old ones', async () => {
      await store.addResults(
        [10, 20, 30].map(t => record('a', 'component:default/x', t, 'bronze')),
      );
      const history = await store.history({
        scorecardId: 'a',
        entityRef: 'component:default/x',
        from: 15,
        to: 31,
      });
      expect(history.map(r => r.evaluatedAt)).toEqual([20, 30]);
      expect(await store.pruneResults(25)).toBe(2);
      const left = await store.history({
        scorecardId: 'a',
        entityRef: 'component:default/x',
        from: 0,
        to: 100,
      });
      expect(left.map(r => r.evaluatedAt)).toEqual([30]);
    });
  },
);
