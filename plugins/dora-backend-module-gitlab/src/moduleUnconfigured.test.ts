import request from 'supertest';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { doraTestDatabases } from '@dora-metrics/plugin-dora-backend/testUtils';
import { component } from './__testUtils__/entities';
import { startBackend } from './__testUtils__/startBackend';
import { createTestClock } from '@dora-metrics/plugin-dora-node/testUtils';
import { GITLAB_COLLECT_TASK } from './gitlabEventProvider';

jest.setTimeout(120_000);

const databases = doraTestDatabases();

describe.each(databases.eachSupportedId())(
  'the GitLab module without configuration on %s',
  id => {
    it('does nothing: no task, no cursor table, no webhook receiver', async () => {
      const knex = await databases.init(id);
      const { backend, server, scheduler } = await startBackend({
        knex,
        entities: [component('api', { 'gitlab.com/project-slug': 'acme/api' })],
        clock: createTestClock('2026-03-20T00:00:00Z'),
        config: {},
      });
      try {
        expect(scheduler.tasks.has(GITLAB_COLLECT_TASK)).toBe(false);
        expect(await knex.schema.hasTable('dora_gitlab_cursors')).toBe(false);
        const res = await request(server)
          .post('/api/dora/v1/webhooks/gitlab')
          .set({ 'x-gitlab-token': 'anything' })
          .send('{}');
        expect(res.status).toBe(404);
      } finally {
        await backend.stop();
      }
    });
  },
);
