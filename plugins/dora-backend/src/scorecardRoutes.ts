import {
  DAY_MS,
  ItemsResponse,
  ScorecardCompliance,
  ScorecardEntry,
  ScorecardEvaluation,
  ScorecardResultRecord,
  ScorecardVersion,
  doraMetricsReadPermission,
  doraScorecardsManagePermission,
  scorecardComplianceQuerySchema,
  scorecardEvaluateQuerySchema,
  scorecardHistoryQuerySchema,
  scorecardResultsQuerySchema,
  scorecardsComplianceQuerySchema,
  ScorecardsComplianceResponse,
} from '@dora-metrics/plugin-dora-common';
import { Request, Router } from 'express';
import { parseQuery } from './parseQuery';
import { actorOf } from './service/actorOf';
import { ScorecardService } from './service/ScorecardService';
import { InitiativeService } from './service/initiatives/InitiativeService';
import { Authorize } from './http/authorize';

/**
 * Routes under /v1/scorecards: definitions and their versions, evaluation,
 * results, history, compliance. Writes need `dora.scorecards.manage`, reads
 * `dora.metrics.read`; `now` is the instant results are graded at.
 */
export function addScorecardRoutes(
  router: Router,
  options: {
    authorize: Authorize;
    scorecards: ScorecardService;
    /** For `GET /v1/scorecards/compliance?include=initiatives`. */
    initiatives: Pick<InitiativeService, 'list'>;
    now: () => number;
    resultHistoryDays: number;
  },
) {
  const { authorize, scorecards, now } = options;
  const read = (req: Request) => authorize(req, doraMetricsReadPermission);
  const manage = (req: Request) =>
    authorize(req, doraScorecardsManagePermission);

  router.get('/v1/scorecards', async (req, res) => {
    await read(req);
    res.json({
      items: await scorecards.list(),
    } satisfies ItemsResponse<ScorecardEntry>);
  });

  router.post('/v1/scorecards', async (req, res) => {
    const by = { actor: actorOf(await manage(req)), now: now() };
    res
      .status(201)
      .json((await scorecards.create(req.body, by)) satisfies ScorecardEntry);
  });

  router.post('/v1/scorecards/evaluate', async (req, res) => {
    const credentials = await manage(req);
    const query = parseQuery(scorecardEvaluateQuerySchema, req);
    const evaluatedAt = now();
    const results = await scorecards.evaluate(
      { ...query, now: evaluatedAt },
      credentials,
    );
    // A whole catalog's results can run to megabytes: list them for one
    // entity only; the rest are read from GET /v1/scorecards/results.
    res.json({
      evaluatedAt,
      count: results.length,
      ...(query.entityRef ? { items: results } : {}),
    } satisfies ScorecardEvaluation);
  });

  router.get('/v1/scorecards/results', async (req, res) => {
    const credentials = await read(req);
    const query = parseQuery(scorecardResultsQuerySchema, req);
    res.json({
      items: await scorecards.latest(query, credentials, now()),
    } satisfies ItemsResponse<ScorecardResultRecord>);
  });

  // Before /:id: every scorecard's compliance in one request.
  router.get('/v1/scorecards/compliance', async (req, res) => {
    const credentials = await read(req);
    const { groupRef, include } = parseQuery(
      scorecardsComplianceQuerySchema,
      req,
    );
    const at = now();
    const [items, initiatives] = await Promise.all([
      scorecards.complianceOfAll(groupRef, credentials, at),
      include === 'initiatives'
        ? options.initiatives.list({ groupRef }, at, credentials)
        : undefined,
    ]);
    res.json({
      items,
      ...(initiatives ? { initiatives } : {}),
    } satisfies ScorecardsComplianceResponse);
  });

  router.get('/v1/scorecards/:id', async (req, res) => {
    await read(req);
    res.json((await scorecards.get(req.params.id)) satisfies ScorecardEntry);
  });

  router.put('/v1/scorecards/:id', async (req, res) => {
    const by = { actor: actorOf(await manage(req)), now: now() };
    res.json(
      (await scorecards.update(
        req.params.id,
        req.body,
        by,
      )) satisfies ScorecardEntry,
    );
  });

  router.delete('/v1/scorecards/:id', async (req, res) => {
    const by = { actor: actorOf(await manage(req)), now: now() };
    await scorecards.delete(req.params.id, by);
    res.status(204).end();
  });

  router.get('/v1/scorecards/:id/versions', async (req, res) => {
    await read(req);
    res.json({
      items: await scorecards.versions(req.params.id),
    } satisfies ItemsResponse<ScorecardVersion>);
  });

  router.get('/v1/scorecards/:id/history', async (req, res) => {
    await read(req);
    const query = parseQuery(scorecardHistoryQuerySchema, req);
    const to = query.to ?? now();
    const from = query.from ?? to - options.resultHistoryDays * DAY_MS;
    const items = await scorecards.history({
      scorecardId: req.params.id,
      entityRef: query.entityRef,
      from,
      to,
    });
    res.json({ items } satisfies ItemsResponse<ScorecardResultRecord>);
  });

  router.get('/v1/scorecards/:id/compliance', async (req, res) => {
    const credentials = await read(req);
    const { groupRef } = parseQuery(scorecardComplianceQuerySchema, req);
    res.json(
      (await scorecards.compliance(
        req.params.id,
        groupRef,
        credentials,
        now(),
      )) satisfies ScorecardCompliance,
    );
  });
}
