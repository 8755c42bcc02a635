import { NotAllowedError } from '@backstage/errors';
import {
  ExemptionEntry,
  ItemsResponse,
  ScorecardAuditPage,
  doraMetricsReadPermission,
  doraScorecardsExemptPermission,
  doraScorecardsManagePermission,
  exemptionListQuerySchema,
  scorecardAuditQuerySchema,
} from '@dora-metrics/plugin-dora-common';
import { Request, Router } from 'express';
import { parseQuery } from './parseQuery';
import { actorOf } from './service/actorOf';
import { ExemptionService } from './service/scorecards/ExemptionService';
import { Authorize } from './http/authorize';

/**
 * Routes of exemptions (`/v1/scorecards/:id/exemptions`) and of a
 * scorecard's audit list. Reading needs `dora.metrics.read`; requesting
 * `dora.scorecards.exempt` or `dora.scorecards.manage`; deciding
 * `dora.scorecards.manage`.
 */
export function addExemptionRoutes(
  router: Router,
  options: {
    authorize: Authorize;
    exemptions: ExemptionService;
    now: () => number;
  },
) {
  const { authorize, exemptions, now } = options;
  const read = (req: Request) => authorize(req, doraMetricsReadPermission);
  const manage = (req: Request) =>
    authorize(req, doraScorecardsManagePermission);
  /** A manager may request too: asked only when the exempt permission is denied. */
  const requestor = async (req: Request) => {
    try {
      return await authorize(req, doraScorecardsExemptPermission);
    } catch (error) {
      if (!(error instanceof NotAllowedError)) throw error;
      return await manage(req).catch(() => {
        throw new NotAllowedError(
          `Not allowed: ${doraScorecardsExemptPermission.name} (or ${doraScorecardsManagePermission.name})`,
        );
      });
    }
  };

  router.post('/v1/scorecards/:id/exemptions', async (req, res) => {
    const credentials = await requestor(req);
    res
      .status(201)
      .json(
        (await exemptions.request(
          req.params.id,
          req.body,
          actorOf(credentials),
          now(),
        )) satisfies ExemptionEntry,
      );
  });

  router.get('/v1/scorecards/:id/exemptions', async (req, res) => {
    await read(req);
    const query = parseQuery(exemptionListQuerySchema, req);
    res.json({
      items: await exemptions.list(req.params.id, query, now()),
    } satisfies ItemsResponse<ExemptionEntry>);
  });

  router.post(
    '/v1/scorecards/:id/exemptions/:exemptionId/decision',
    async (req, res) => {
      const credentials = await manage(req);
      res.json(
        (await exemptions.decide(
          req.params.id,
          req.params.exemptionId,
          req.body,
          actorOf(credentials),
          now(),
        )) satisfies ExemptionEntry,
      );
    },
  );

  router.get('/v1/scorecards/:id/audit', async (req, res) => {
    await read(req);
    const query = parseQuery(scorecardAuditQuerySchema, req);
    res.json(
      (await exemptions.audit(
        req.params.id,
        query,
      )) satisfies ScorecardAuditPage,
    );
  });
}
