import {
  InitiativeEntry,
  ItemsResponse,
  doraMetricsReadPermission,
  doraScorecardsManagePermission,
  initiativeListQuerySchema,
} from '@dora-metrics/plugin-dora-common';
import { Request, Router } from 'express';
import { parseQuery } from './parseQuery';
import { actorOf } from './service/actorOf';
import { InitiativeService } from './service/initiatives/InitiativeService';
import { Authorize } from './http/authorize';

/**
 * Routes of initiatives (`/v1/initiatives`): reading needs
 * `dora.metrics.read`, writing `dora.scorecards.manage`. Every entry carries
 * its progress now.
 */
export function addInitiativeRoutes(
  router: Router,
  options: {
    authorize: Authorize;
    initiatives: InitiativeService;
    now: () => number;
  },
) {
  const { authorize, initiatives, now } = options;
  const read = (req: Request) => authorize(req, doraMetricsReadPermission);
  const manage = (req: Request) =>
    authorize(req, doraScorecardsManagePermission);

  router.get('/v1/initiatives', async (req, res) => {
    const credentials = await read(req);
    const query = parseQuery(initiativeListQuerySchema, req);
    res.json({
      items: await initiatives.list(query, now(), credentials),
    } satisfies ItemsResponse<InitiativeEntry>);
  });

  router.post('/v1/initiatives', async (req, res) => {
    const credentials = await manage(req);
    const by = { actor: actorOf(credentials), now: now() };
    res
      .status(201)
      .json(
        (await initiatives.create(
          req.body,
          by,
          credentials,
        )) satisfies InitiativeEntry,
      );
  });

  router.get('/v1/initiatives/:id', async (req, res) => {
    const credentials = await read(req);
    res.json(
      (await initiatives.get(
        req.params.id,
        now(),
        credentials,
      )) satisfies InitiativeEntry,
    );
  });

  router.put('/v1/initiatives/:id', async (req, res) => {
    const credentials = await manage(req);
    const by = { actor: actorOf(credentials), now: now() };
    res.json(
      (await initiatives.update(
        req.params.id,
        req.body,
        by,
        credentials,
      )) satisfies InitiativeEntry,
    );
  });

  router.delete('/v1/initiatives/:id', async (req, res) => {
    await manage(req);
    await initiatives.delete(req.params.id);
    res.status(204).end();
  });
}
