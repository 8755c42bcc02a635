import express, { ErrorRequestHandler } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { csvAnswers } from './csvAnswers';

/** A router with the middleware and a few routes, over real HTTP. */
function app() {
  const router = express();
  router.use(
    csvAnswers({
      now: () => Date.parse('2026-12-02T10:00:00Z'),
      tables: {
        '/v1/things': { name: 'things', rows: (b: any) => b.items },
        '/v1/teams/:namespace/:name': { name: 'team', rows: (b: any) => [b] },
      },
    }),
  );
  router.get('/v1/things', (req, res) => {
    // A strict schema, as some routes have: an unknown parameter is a 400.
    const query = z
      .object({ tag: z.string().optional() })
      .strict()
      .safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: { message: query.error.message } });
      return;
    }
    res.json({ items: [{ id: 1, tag: query.data.tag ?? null }] });
  });
  router.get('/v1/teams/:ns/:n', (req, res) => {
    res.json({ ref: `${req.params.ns}/${req.params.n}` });
  });
  router.get('/v1/untabled', (_req, res) => {
    res.json({ ok: true });
  });
  router.post('/v1/things', (req, res) => {
    res.json({ query: req.query });
  });
  const errors: ErrorRequestHandler = (error, _req, res, _next) => {
    res
      .status(400)
      .json({ error: { name: error.name, message: error.message } });
  };
  router.use(errors);
  return router;
}

describe('csvAnswers', () => {
  it('turns a 2xx body into the route’s table, named by route and date', async () => {
    const answer = await request(app()).get('/v1/things?tag=a&format=csv');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('id,tag\r\n1,a\r\n');
    expect(answer.headers['content-disposition']).toBe(
      'attachment; filename="dora-things-2026-12-02.csv"',
    );
  });

  it('finds a route’s table whatever its path parameters are named', async () => {
    const answer = await request(app()).get(
      '/v1/teams/default/payments?format=csv',
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('ref\r\ndefault/payments\r\n');
  });

  it('answers 406 listing the routes that answer CSV when the route has no table', async () => {
    const answer = await request(app())
      .get('/v1/untabled')
      .set('Accept', 'text/csv');
    expect(answer.status).toBe(406);
    expect(answer.type).toBe('application/json');
    expect(answer.body.error.message).toBe(
      'GET /v1/untabled has no CSV table; routes that answer text/csv: /v1/things, /v1/teams/:namespace/:name',
    );
  });

  it('names a repeated format in its 400', async () => {
    const answer = await request(app()).get(
      '/v1/things?format=csv&format=json',
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/got \["csv","json"\]/);
  });

  it('leaves other methods alone, their query included', async () => {
    const answer = await request(app()).post('/v1/things?format=csv');
    expect(answer.type).toBe('application/json');
    expect(answer.body).toEqual({ query: { format: 'csv' } });
  });
});
