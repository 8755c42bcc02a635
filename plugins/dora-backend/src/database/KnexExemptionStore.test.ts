import { ConflictError, NotFoundError } from '@backstage/errors';
import { Exemption, ScorecardEntry } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { ExemptionService } from '../service/scorecards/ExemptionService';
import { doraTestDatabases } from '../testUtils';
import { KnexExemptionStore } from './KnexExemptionStore';
import { migrateDownThrough, migrateUp } from './migrations';

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const T0 = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;

const entry: ScorecardEntry = {
  scorecard: {
    id: 'delivery',
    title: 'Delivery',
    levels: ['bronze'],
    rules: [
      {
        id: 'pr-size',
        title: 'Small PRs',
        metric: 'pullRequests.size.p75',
        operator: '<=',
        threshold: 400,
        level: 'bronze',
      },
    ],
  },
  source: 'config',
  readOnly: true,
  version: 1,
};
const scorecards = {
  get: async (id: string) => {
    if (id !== 'delivery') throw new NotFoundError(`No scorecard ${id}`);
    return entry;
  },
};

const pending = (id: string, expiresAt: string | null = null): Exemption => ({
  id,
  scorecardId: 'delivery',
  ruleId: 'pr-size',
  scope: { kind: 'entity', entityRef: 'component:default/cart' },
  reason: 'Generated code',
  expiresAt,
  status: 'pending',
  requestedBy: 'user:default/owner',
  requestedAt: new Date(T0).toISOString(),
});

describe.each(databases.eachSupportedId())(
  'KnexExemptionStore on %s',
  databaseId => {
    let knex: Knex;
    let store: KnexExemptionStore;
    let service: ExemptionService;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      store = new KnexExemptionStore(knex);
      service = new ExemptionService(store, scorecards);
    });
    beforeEach(async () => {
      await knex('dora_scorecard_exemptions').delete();
      await knex('dora_scorecard_audit').delete();
    });

    const request = (body: Record<string, unknown> = {}, now = T0) =>
      service.request(
        'delivery',
        {
          ruleId: 'pr-size',
          scope: { entityRef: 'Component:default/Cart' },
          reason: 'Generated code',
          ...body,
        },
        'user:default/owner',
        now,
      );

    it('stores a request as pending with its audit entry, and reads back what it answered', async () => {
      const made = await request({ expiresAt: '2026-12-31T12:00:00+02:00' });
      expect(made).toMatchObject({
        status: 'pending',
        state: 'pending',
        scope: { kind: 'entity', entityRef: 'component:default/cart' },
        // Normalized to UTC milliseconds, as stored.
        expiresAt: '2026-12-31T10:00:00.000Z',
        requestedBy: 'user:default/owner',
      });
      expect(await service.list('delivery', {}, T0)).toEqual([made]);
      const audit = await service.audit('delivery', {});
      expect(audit.items).toEqual([
        {
          scorecardId: 'delivery',
          subject: `exemption:${made.id}`,
          action: 'requested',
          actor: 'user:default/owner',
          at: new Date(T0).toISOString(),
          detail: { exemption: expect.objectContaining({ id: made.id }) },
        },
      ]);
    });

    it('moves pending to approved to revoked, each decision with its decider, note and audit entry', async () => {
      const made = await request();
      const approved = await service.decide(
        'delivery',
        made.id,
        { action: 'approve', note: 'until the generator is fixed' },
        'user:default/manager',
        T0 + HOUR,
      );
      expect(approved).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/manager',
        decisionNote: 'until the generator is fixed',
      });
      const revoked = await service.decide(
        'delivery',
        made.id,
        { action: 'revoke' },
        'user:default/boss',
        T0 + 2 * HOUR,
      );
      expect(revoked.status).toBe('revoked');
      // A note belongs to its decision.
      expect(revoked.decisionNote).toBeUndefined();
      expect(await store.getExemption('delivery', made.id)).toEqual(
        (({ state: _s, ...stored }) => stored)(revoked),
      );
      const actions = (await service.audit('delivery', {})).items.map(
        i => `${i.action} by ${i.actor}`,
      );
      expect(actions).toEqual([
        'revoked by user:default/boss',
        'approved by user:default/manager',
        'requested by user:default/owner',
      ]);
    });

    it('refuses an invalid transition with 409 and the model message, writing nothing', async () => {
      const made = await request();
      await service.decide('delivery', made.id, { action: 'deny' }, 'm', T0);
      await expect(
        service.decide('delivery', made.id, { action: 'approve' }, 'm', T0),
      ).rejects.toThrow(
        new ConflictError(
          `exemption ${made.id} cannot be approved: it is denied; only a pending exemption can be approved, and it is closed; request a new exemption`,
        ),
      );
      expect((await service.audit('delivery', {})).items).toHaveLength(2);
    });

    it('compare-and-set: of two managers deciding at once, one succeeds and the other gets a 409', async () => {
      for (let round = 0; round < 5; round++) {
        const made = await request();
        const outcomes = await Promise.allSettled([
          service.decide('delivery', made.id, { action: 'approve' }, 'a', T0),
          service.decide('delivery', made.id, { action: 'deny' }, 'b', T0),
        ]);
        const won = outcomes.filter(o => o.status === 'fulfilled');
        const lost = outcomes.filter(o => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(
          ConflictError,
        );
        const stored = await store.getExemption('delivery', made.id);
        expect(stored?.status).toBe(
          (won[0] as PromiseFulfilledResult<Exemption>).value.status,
        );
      }
      // One request and one decision each: the loser wrote no audit entry.
      expect(
        (await service.audit('delivery', { limit: 200 })).items,
      ).toHaveLength(10);
    });

    it('replaceExemption writes only while the stored status is the expected one', async () => {
      const audit = {
        scorecardId: 'delivery',
        subject: 'exemption:x',
        action: 'approved' as const,
        actor: 'a',
        at: new Date(T0).toISOString(),
        detail: {},
      };
      await store.addExemption(pending('x'), { ...audit, action: 'requested' });
      const approved: Exemption = { ...pending('x'), status: 'approved' };
      const [first, second] = await Promise.all([
        store.replaceExemption('pending', approved, audit),
        store.replaceExemption('pending', approved, audit),
      ]);
      expect([first, second].sort()).toEqual([false, true]);
      expect(await store.replaceExemption('pending', approved, audit)).toBe(
        false,
      );
      expect((await store.listAudit('delivery', { limit: 10 })).length).toBe(2);
    });

    it('computes expired at read time: the same stored row is approved before expiresAt and expired from then on', async () => {
      const expiresAt = new Date(T0 + 2 * HOUR).toISOString();
      const made = await request({ expiresAt });
      await service.decide('delivery', made.id, { action: 'approve' }, 'm', T0);
      const stateAt = async (now: number) =>
        (await service.list('delivery', {}, now))[0].state;
      expect(await stateAt(T0 + HOUR)).toBe('approved');
      expect(await stateAt(T0 + 2 * HOUR)).toBe('expired');
      expect(
        (await service.list('delivery', { status: 'expired' }, T0 + 3 * HOUR))
          .length,
      ).toBe(1);
      expect(
        (await service.list('delivery', { status: 'approved' }, T0 + 3 * HOUR))
          .length,
      ).toBe(0);
      // Stored status never changes by itself.
      expect((await store.getExemption('delivery', made.id))?.status).toBe(
        'approved',
      );
      await expect(
        service.decide(
          'delivery',
          made.id,
          { action: 'revoke' },
          'm',
          T0 + 3 * HOUR,
        ),
      ).rejects.toThrow(/it is expired \(it expired at/);
    });

    it('pages the audit list newest first with a cursor, entries of one instant by insertion order', async () => {
      for (let i = 0; i < 5; i++) {
        await store.addAuditEntry({
          scorecardId: 'delivery',
          subject: 'scorecard',
          action: 'updated',
          actor: 'm',
          at: new Date(T0 + (i < 3 ? 0 : i) * HOUR).toISOString(),
          detail: { n: i },
        });
      }
      const first = await service.audit('delivery', { limit: 2 });
      const second = await service.audit('delivery', {
        limit: 2,
        cursor: first.nextCursor!,
      });
      const third = await service.audit('delivery', {
        limit: 2,
        cursor: second.nextCursor!,
      });
      expect(
        [first, second, third].flatMap(p => p.items.map(i => i.detail.n)),
      ).toEqual([4, 3, 2, 1, 0]);
      expect(third.nextCursor).toBeNull();
      await expect(
        service.audit('delivery', { cursor: 'not-a-cursor' }),
      ).rejects.toThrow(/cursor/);
    });

    it('answers 404 for an unknown scorecard, rule or exemption, and 400 naming each bad field', async () => {
      await expect(service.request('nope', {}, 'u', T0)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(request({ ruleId: 'no-such-rule' })).rejects.toThrow(
        'Scorecard delivery has no rule no-such-rule',
      );
      await expect(
        service.decide('delivery', 'missing', { action: 'approve' }, 'm', T0),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        request({ reason: ' ', scope: { teamRef: 'x' }, extra: 1 }),
      ).rejects.toThrow(
        /scope: must be .*reason: must say why.*extra: is not a known field/,
      );
      await expect(
        request({ expiresAt: new Date(T0 - HOUR).toISOString() }),
      ).rejects.toThrow(/expiresAt: .* is not after the request/);
      // PostgreSQL would refuse a NUL that SQLite keeps: both answer 400.
      await expect(
        request({ scope: { entityRef: 'component:default/a\u0000b' } }),
      ).rejects.toThrow(/scope\.entityRef: must not contain NUL/);
      await expect(request({ scorecardId: 'other' })).rejects.toThrow(
        /scorecardId: is "other", but the path names delivery/,
      );
      await expect(
        service.decide('delivery', 'x', { action: 'maybe' }, 'm', T0),
      ).rejects.toThrow(
        'Invalid decision: action: must be approve, deny or revoke',
      );
      expect(await store.listExemptions('delivery', {})).toEqual([]);
    });

    it('migrates down, dropping both tables, and up again', async () => {
      await migrateDownThrough(knex, '20261202160000');
      expect(await knex.schema.hasTable('dora_scorecard_exemptions')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('dora_scorecard_audit')).toBe(false);
      await migrateUp(knex);
      expect(await knex.schema.hasTable('dora_scorecard_exemptions')).toBe(
        true,
      );
      expect(await knex.schema.hasTable('dora_scorecard_audit')).toBe(true);
    });
  },
);
