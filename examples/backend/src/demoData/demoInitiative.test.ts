import { mockServices } from '@backstage/backend-test-utils';
import { parseInitiative } from '@dora-metrics/plugin-dora-common';
import { createDemoInitiative, demoInitiative } from './demoInitiative';
import { WEEK } from './workingTime';

const NOW = new Date('2026-12-02T07:00:00Z');

describe('the demo initiative (issue 16)', () => {
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async () => 'http://localhost:7007/api/dora',
  });
  const auth = mockServices.auth.mock({
    getPluginRequestToken: async () => ({ token: 'token' }),
  });
  const logger = mockServices.logger.mock();
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('is a valid initiative that started eight weeks before now and is due eight weeks after', () => {
    const parsed = parseInitiative(demoInitiative(NOW));
    expect(parsed).toMatchObject({
      ok: true,
      initiative: {
        target: { scorecardId: 'delivery', level: 'gold' },
        targetShare: 0.5,
      },
    });
    const { startsAt, deadline } = demoInitiative(NOW);
    expect(Date.parse(startsAt)).toBe(NOW.getTime() - 8 * WEEK);
    expect(Date.parse(deadline)).toBe(NOW.getTime() + 8 * WEEK);
  });

  it('is posted to the public API with the service token, and left alone when it exists (409)', async () => {
    const fetchMock = jest.fn(async () => new Response('{}', { status: 201 }));
    global.fetch = fetchMock as typeof fetch;
    await createDemoInitiative({ discovery, auth, logger, now: NOW });
    expect(fetchMock).toHaveBeenCalledWith(
      'http://localhost:7007/api/dora/v1/initiatives',
      expect.objectContaining({
        method: 'POST',
        headers: expect.objectContaining({ authorization: 'Bearer token' }),
        body: JSON.stringify(demoInitiative(NOW)),
      }),
    );

    global.fetch = jest.fn(
      async () => new Response('{}', { status: 409 }),
    ) as typeof fetch;
    await expect(
      createDemoInitiative({ discovery, auth, logger, now: NOW }),
    ).resolves.toBeUndefined();

    global.fetch = jest.fn(
      async () => new Response('{"error":{"message":"nope"}}', { status: 400 }),
    ) as typeof fetch;
    await expect(
      createDemoInitiative({ discovery, auth, logger, now: NOW }),
    ).rejects.toThrow(/answered 400: .*nope/);
  });
});
