import { SignalState } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { doraTestDatabases } from '../testUtils';
import { KnexSignalStore } from './KnexSignalStore';
import { migrateDownThrough, migrateUp } from './migrations';

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const T0 = Date.parse('2026-12-01T10:00:00Z');

const state = (settled: number, pendingCount = 0): SignalState => ({
  settled,
  pending: pendingCount > 0 ? settled + 1 : null,
  pendingCount,
  breachedFrom: null,
});

describe.each(databases.eachSupportedId())(
  'KnexSignalStore on %s',
  databaseId => {
    let knex: Knex;
    let store: KnexSignalStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      store = new KnexSignalStore(knex);
    });
    beforeEach(async () => {
      await knex('dora_signal_states').delete();
    });

    it('creates a signal once and reads back what it stored', async () => {
      const write = {
        key: 'rule:delivery:component:default/payments-api:cfr',
        kind: 'ruleFailed',
        subjectRef: 'component:default/payments-api',
        state: state(0),
      };
      expect(await store.writeSignals([write], T0)).toEqual(
        new Set([write.key]),
      );
      // A second creation (another evaluation at the same time) writes nothing.
      expect(
        await store.writeSignals([{ ...write, state: state(1) }], T0 + 1),
      ).toEqual(new Set());
      expect(await store.readSignals([write.key, 'unknown'])).toEqual(
        new Map([
          [
            write.key,
            { ...write, state: state(0), revision: 1, updatedAt: T0 },
          ],
        ]),
      );
    });

    it('updates a signal only at the revision read (an evaluation that lost the race writes nothing)', async () => {
      const key = 'band:group:default/payments:leadTime';
      const base = {
        key,
        kind: 'metricBand',
        subjectRef: 'group:default/payments',
      };
      await store.writeSignals([{ ...base, state: state(0) }], T0);
      expect(
        await store.writeSignals(
          [{ ...base, state: state(0, 1), revision: 1 }],
          T0 + 1,
        ),
      ).toEqual(new Set([key]));
      // Read at revision 1 by a slower evaluation: it is now at 2.
      expect(
        await store.writeSignals(
          [{ ...base, state: state(3), revision: 1 }],
          T0 + 2,
        ),
      ).toEqual(new Set());
      const stored = (await store.readSignals([key])).get(key)!;
      expect(stored).toMatchObject({
        state: state(0, 1),
        revision: 2,
        updatedAt: T0 + 1,
      });
    });

    it('keeps keys longer than any index allows (stored by their hash)', async () => {
      const key = `rule:delivery:component:default/${'x'.repeat(3000)}:cfr`;
      await store.writeSignals(
        [{ key, kind: 'ruleFailed', subjectRef: 's', state: state(1) }],
        T0,
      );
      expect((await store.readSignals([key])).get(key)?.key).toBe(key);
    });

    it('reads and creates more signals than one statement holds', async () => {
      const writes = Array.from({ length: 1201 }, (_, i) => ({
        key: `band:component:default/s${i}:leadTime`,
        kind: 'metricBand',
        subjectRef: `component:default/s${i}`,
        state: state(i % 4),
      }));
      expect((await store.writeSignals(writes, T0)).size).toBe(1201);
      const read = await store.readSignals(writes.map(w => w.key));
      expect(read.size).toBe(1201);
      expect(read.get(writes[1200].key)?.state).toEqual(state(0));
    });

    it('the migration is reversible', async () => {
      await migrateDownThrough(knex, '20261202183000');
      expect(await knex.schema.hasTable('dora_signal_states')).toBe(false);
      await migrateUp(knex);
      expect(await knex.schema.hasTable('dora_signal_states')).toBe(true);
    });
  },
);
