import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { migrateUp } from './database/migrations';
import { doraTestDatabases, startDoraTestBackend } from './testUtils';

jest.setTimeout(120_000);

const databases = doraTestDatabases();

const delivery = {
  id: 'delivery',
  title: 'Delivery working agreements',
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
};

// Who may do what: the policy these tests run under.
const GRANTS: Record<string, string[]> = {
  'user:default/owner': ['dora.metrics.read', 'dora.scorecards.exempt'],
  'user:default/manager': ['dora.metrics.read', 'dora.scorecards.manage'],
  'user:default/reader': ['dora.metrics.read'],
};
const authorize: PermissionsService['authorize'] = async (
  requests,
  options,
) => {
  const principal = options.credentials.principal as {
    userEntityRef?: string;
  };
  const granted = GRANTS[principal.userEntityRef ?? ''] ?? [];
  return requests.map(r => ({
    result: granted.includes(r.permission.name)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  }));
};

const owner = mockCredentials.user.header('user:default/owner');
const manager = mockCredentials.user.header('user:default/manager');
const reader = mockCredentials.user.header('user:default/reader');
const stranger = mockCredentials.user.header('user:default/stranger');
const none = mockCredentials.none.header();

const BASE = '/api/dora/v1/scorecards';
const asking = {
  ruleId: 'pr-size',
  scope: { entityRef: 'component:default/cart-service' },
  reason: 'Generated client code makes every PR large',
};

describe.each(databases.eachSupportedId())(
  'exemption routes on %s',
  databaseId => {
    let knex: Knex;
    let server: any;
    const api = () => request(server);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      ({ server } = await startDoraTestBackend({
        knex,
        config: { dora: { scorecards: [delivery] } },
        features: [
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.permissions.mock({ authorize }).factory,
        ],
      }));
    });
    beforeEach(async () => {
      await knex('dora_scorecard_exemptions').delete();
      await knex('dora_scorecard_audit').delete();
    });

    it('needs credentials on every route (401)', async () => {
      const statuses = [
        (
          await api()
            .post(`${BASE}/delivery/exemptions`)
            .set('Authorization', none)
            .send(asking)
        ).status,
        (
          await api()
            .get(`${BASE}/delivery/exemptions`)
            .set('Authorization', none)
        ).status,
        (
          await api()
            .post(`${BASE}/delivery/exemptions/x/decision`)
            .set('Authorization', none)
            .send({ action: 'approve' })
        ).status,
        (await api().get(`${BASE}/delivery/audit`).set('Authorization', none))
          .status,
      ];
      expect(statuses).toEqual([401, 401, 401, 401]);
    });

    it('requesting needs dora.scorecards.exempt or manage, deciding manage, reading dora.metrics.read (403)', async () => {
      const byReader = await api()
        .post(`${BASE}/delivery/exemptions`)
        .set('Authorization', reader)
        .send(asking);
      expect(byReader.status).toBe(403);
      expect(byReader.body.error.message).toMatch(
        /dora\.scorecards\.exempt \(or dora\.scorecards\.manage\)/,
      );
      const byOwner = await api()
        .post(`${BASE}/delivery/exemptions`)
        .set('Authorization', owner)
        .send(asking);
      const byManager = await api()
        .post(`${BASE}/delivery/exemptions`)
        .set('Authorization', manager)
        .send(asking);
      expect([byOwner.status, byManager.status]).toEqual([201, 201]);
      const ownerDecides = await api()
        .post(`${BASE}/delivery/exemptions/${byOwner.body.id}/decision`)
        .set('Authorization', owner)
        .send({ action: 'approve' });
      const strangerLists = await api()
        .get(`${BASE}/delivery/exemptions`)
        .set('Authorization', stranger);
      const strangerAudits = await api()
        .get(`${BASE}/delivery/audit`)
        .set('Authorization', stranger);
      expect([
        ownerDecides.status,
        strangerLists.status,
        strangerAudits.status,
      ]).toEqual([403, 403, 403]);
      // Refused requests and decisions wrote nothing.
      const listed = await api()
        .get(`${BASE}/delivery/exemptions`)
        .set('Authorization', reader);
      expect(listed.body.items.map((e: any) => e.state)).toEqual([
        'pending',
        'pending',
      ]);
    });

    it('requests (201), lists by state, approves (200), refuses a second decision (409), and writes the audit list', async () => {
      const created = await api()
        .post(`${BASE}/delivery/exemptions`)
        .set('Authorization', owner)
        .send({ ...asking, expiresAt: '2099-01-01T00:00:00Z' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        scorecardId: 'delivery',
        ruleId: 'pr-size',
        scope: { kind: 'entity', entityRef: 'component:default/cart-service' },
        status: 'pending',
        state: 'pending',
        expiresAt: '2099-01-01T00:00:00.000Z',
        requestedBy: 'user:default/owner',
      });
      const id = created.body.id;

      const approved = await api()
        .post(`${BASE}/delivery/exemptions/${id}/decision`)
        .set('Authorization', manager)
        .send({ action: 'approve', note: 'until the generator moves out' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        state: 'approved',
        decidedBy: 'user:default/manager',
        decisionNote: 'until the generator moves out',
      });

      const again = await api()
        .post(`${BASE}/delivery/exemptions/${id}/decision`)
        .set('Authorization', manager)
        .send({ action: 'deny' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        `exemption ${id} cannot be denied: it is approved; only a pending exemption can be denied, and it can only be revoked`,
      );

      const byState = async (status: string) =>
        (
          await api()
            .get(`${BASE}/delivery/exemptions`)
            .set('Authorization', reader)
            .query({ status })
        ).body.items.map((e: any) => e.id);
      expect(await byState('approved')).toEqual([id]);
      expect(await byState('pending')).toEqual([]);

      const audit = await api()
        .get(`${BASE}/delivery/audit`)
        .set('Authorization', reader);
      expect(audit.status).toBe(200);
      expect(
        audit.body.items.map((i: any) => [i.subject, i.action, i.actor]),
      ).toEqual([
        [`exemption:${id}`, 'approved', 'user:default/manager'],
        [`exemption:${id}`, 'requested', 'user:default/owner'],
      ]);
      expect(audit.body.nextCursor).toBeNull();
    });

    it('records who created, updated and deleted an API scorecard, and keeps that list readable after the delete', async () => {
      const mine = { ...delivery, id: 'mine', title: 'Mine' };
      const created = await api()
        .post(BASE)
        .set('Authorization', manager)
        .send(mine);
      const updated = await api()
        .put(`${BASE}/mine`)
        .set('Authorization', manager)
        .send({ ...mine, title: 'Renamed' });
      const deleted = await api()
        .delete(`${BASE}/mine`)
        .set('Authorization', manager);
      expect([created.status, updated.status, deleted.status]).toEqual([
        201, 200, 204,
      ]);
      // A refused change is not in the list.
      const refused = await api()
        .put(`${BASE}/delivery`)
        .set('Authorization', manager)
        .send(delivery);
      expect(refused.status).toBe(409);

      const audit = await api()
        .get(`${BASE}/mine/audit`)
        .set('Authorization', reader)
        .query({ limit: 2 });
      expect(audit.status).toBe(200);
      expect(
        audit.body.items.map((i: any) => [i.subject, i.action, i.actor]),
      ).toEqual([
        ['scorecard', 'deleted', 'user:default/manager'],
        ['scorecard', 'updated', 'user:default/manager'],
      ]);
      expect(audit.body.items[1].detail.definition.title).toBe('Renamed');
      const older = await api()
        .get(`${BASE}/mine/audit`)
        .set('Authorization', reader)
        .query({ limit: 2, cursor: audit.body.nextCursor });
      expect(
        older.body.items.map((i: any) => [i.action, i.detail.definition.title]),
      ).toEqual([['created', 'Mine']]);
      expect(older.body.nextCursor).toBeNull();
      const configAudit = await api()
        .get(`${BASE}/delivery/audit`)
        .set('Authorization', reader);
      expect(configAudit.body.items).toEqual([]);
    });

    it('answers 400 naming what is wrong and where, and 404 for an unknown scorecard, rule or exemption', async () => {
      const bad = await api()
        .post(`${BASE}/delivery/exemptions`)
        .set('Authorization', owner)
        .send({ ...asking, reason: '', expiresAt: 'soon' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/reason: must say why/);
      expect(bad.body.error.message).toMatch(/expiresAt:/);
      const badState = await api()
        .get(`${BASE}/delivery/exemptions`)
        .set('Authorization', reader)
        .query({ status: 'lapsed' });
      const badDecision = await api()
        .post(`${BASE}/delivery/exemptions/x/decision`)
        .set('Authorization', manager)
        .send({ action: 'approve', by: 'someone' });
      const badLimit = await api()
        .get(`${BASE}/delivery/audit`)
        .set('Authorization', reader)
        .query({ limit: 0 });
      expect([badState.status, badDecision.status, badLimit.status]).toEqual([
        400, 400, 400,
      ]);
      expect(badState.body.error.message).toMatch(/status:/);
      expect(badDecision.body.error.message).toMatch(/by/);
      expect(badLimit.body.error.message).toMatch(/limit:/);

      const unknown = await Promise.all([
        api()
          .post(`${BASE}/nope/exemptions`)
          .set('Authorization', owner)
          .send(asking),
        api()
          .post(`${BASE}/delivery/exemptions`)
          .set('Authorization', owner)
          .send({ ...asking, ruleId: 'no-such-rule' }),
        api().get(`${BASE}/nope/exemptions`).set('Authorization', reader),
        api()
          .post(`${BASE}/delivery/exemptions/missing/decision`)
          .set('Authorization', manager)
          .send({ action: 'approve' }),
        api().get(`${BASE}/nope/audit`).set('Authorization', reader),
      ]);
      expect(unknown.map(r => r.status)).toEqual([404, 404, 404, 404, 404]);
      expect(unknown[1].body.error.message).toBe(
        'Scorecard delivery has no rule no-such-rule',
      );
      expect(await knex('dora_scorecard_exemptions').select('id')).toEqual([]);
    });
  },
);
