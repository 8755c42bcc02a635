import {
  EnvironmentsResponse,
  doraMetricsReadPermission,
  environmentsQuerySchema,
} from '@dora-metrics/plugin-dora-common';
import { Router } from 'express';
import { Authorize } from './http/authorize';
import { parseQuery } from './parseQuery';
import { EnvironmentsService } from './service/environments/EnvironmentsService';

/**
 * `GET /v1/environments`: the environments an entity deployed to and which
 * count as production, by which rule. Same permission as the metrics.
 */
export function addEnvironmentRoutes(
  router: Router,
  options: { authorize: Authorize; environments: EnvironmentsService },
) {
  const { authorize, environments } = options;
  router.get('/v1/environments', async (req, res) => {
    const credentials = await authorize(req, doraMetricsReadPermission);
    const { entityRef, from, to } = parseQuery(environmentsQuerySchema, req);
    res.json(
      (await environments.environments(
        entityRef,
        { from, to },
        credentials,
      )) satisfies EnvironmentsResponse,
    );
  });
}
