import { mockServices } from '@backstage/backend-test-utils';
import { HttpEventSink, IngestRefusedError } from './httpEventSink';

describe('HttpEventSink', () => {
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async () => 'http://localhost:7007/api/dora',
  });
  const auth = mockServices.auth.mock({
    getPluginRequestToken: async () => ({ token: 'token' }),
  });
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  const answer = (status: number, body: string) => {
    global.fetch = jest.fn(async () => new Response(body, { status }));
  };

  it('turns a refused batch into fields: status, Backstage error name and per-event problems', async () => {
    const problems = [{ index: 1, message: 'event 1 (change "x") has no…' }];
    answer(
      400,
      JSON.stringify({
        error: { name: 'InputError', message: '1 of 2 events …' },
        details: problems,
        response: { statusCode: 400 },
      }),
    );
    const error = await new HttpEventSink(discovery, auth)
      .ingest([{}, {}])
      .catch(e => e);
    expect(error).toBeInstanceOf(IngestRefusedError);
    expect(error).toMatchObject({
      name: 'IngestRefusedError',
      statusCode: 400,
      errorName: 'InputError',
      problems,
    });
    expect(error.message).toMatch(/^POST \/api\/dora\/v1\/events answered 400/);
  });

  it('gives no fields from a body that is not a Backstage error', async () => {
    answer(502, '<html>Bad gateway</html>');
    const error = await new HttpEventSink(discovery, auth)
      .ingest([{}])
      .catch(e => e);
    expect(error).toMatchObject({
      statusCode: 502,
      errorName: undefined,
      problems: [],
    });
  });
});
