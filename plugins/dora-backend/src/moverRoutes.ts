import {
  GroupReport,
  GroupTrendResponse,
  MoversResponse,
  doraMetricsReadPermission,
  groupTrendQuerySchema,
  isValidTimeZone,
  metricsWindowQueryShape,
  moversQuerySchema,
} from '@dora-metrics/plugin-dora-common';
import { InputError } from '@backstage/errors';
import { Request, Response, Router } from 'express';
import { z } from 'zod';
import { Authorize } from './http/authorize';
import { parseQuery } from './parseQuery';
import { resolveMetricsQuery } from './service/metricsQuery';
import { MoversService } from './service/movers/MoversService';

/** Query of the report: the window, as every metrics route. */
const reportQuerySchema = z.object(metricsWindowQueryShape);

/**
 * A manager's routes (`dora.metrics.read`): movers between two windows, a
 * team's quarterly trend and its quarterly report. Every one reads many
 * services, so each takes its turn with the other heavy reads.
 */
export function addMoverRoutes(
  router: Router,
  options: {
    authorize: Authorize;
    movers: MoversService;
    now: () => number;
    heavy: <T>(res: Response, work: () => Promise<T>) => Promise<T>;
  },
) {
  const { authorize, movers, now, heavy } = options;
  const read = (req: Request) => authorize(req, doraMetricsReadPermission);
  const groupRefOf = (req: Request) =>
    `group:${req.params.namespace}/${req.params.name}`;

  router.get('/v1/movers', async (req, res) => {
    const credentials = await read(req);
    const { groupRef, ...window } = parseQuery(moversQuerySchema, req);
    const request = resolveMetricsQuery(window, now());
    res.json(
      (await heavy(res, () =>
        movers.movers(groupRef, request, credentials),
      )) satisfies MoversResponse,
    );
  });

  router.get('/v1/groups/:namespace/:name/trend', async (req, res) => {
    const credentials = await read(req);
    const query = parseQuery(groupTrendQuerySchema, req);
    const timezone = query.timezone ?? 'UTC';
    if (!isValidTimeZone(timezone)) {
      throw new InputError(
        `Invalid query: timezone: "${timezone}" is not an IANA timezone`,
      );
    }
    res.json(
      (await heavy(res, () =>
        movers.trend(
          groupRefOf(req),
          {
            period: query.period ?? 'quarter',
            count: query.count ?? 4,
            timezone,
          },
          now(),
          credentials,
        ),
      )) satisfies GroupTrendResponse,
    );
  });

  router.get('/v1/groups/:namespace/:name/report', async (req, res) => {
    const credentials = await read(req);
    const window = parseQuery(reportQuerySchema, req);
    const request = resolveMetricsQuery(window, now());
    res.json(
      (await heavy(res, () =>
        movers.report(groupRefOf(req), request, credentials, now()),
      )) satisfies GroupReport,
    );
  });
}
