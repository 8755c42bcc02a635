import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  DAY_MS,
  EntityMetrics,
  GroupMetricsResponse,
  GroupsMetricsResponse,
  IngestErrorBody,
  IngestResponse,
  MetricsRequest,
  entityMetricsQuerySchema,
  eventsQuerySchema,
  groupMetricsQuerySchema,
  groupsMetricsQuerySchema,
  isStorableText,
  doraEventsCreatePermission,
  doraMetricsReadPermission,
} from '@dora-metrics/plugin-dora-common';
import express, { ErrorRequestHandler, Request, Response } from 'express';
import Router from 'express-promise-router';
import { addEnvironmentRoutes } from './environmentRoutes';
import { EnvironmentsService } from './service/environments/EnvironmentsService';
import {
  BodyTimeoutOptions,
  bodyTimeout,
  closeAfterRefusedBody,
} from './http/bodyTimeout';
import { LoadShedder, LoadSheddingOptions } from './http/loadShedding';
import { csvAnswers } from './http/csv/csvAnswers';
import { parseQuery } from './parseQuery';
import { addExemptionRoutes } from './exemptionRoutes';
import { addInitiativeRoutes } from './initiativeRoutes';
import { addMoverRoutes } from './moverRoutes';
import { MoversService } from './service/movers/MoversService';
import { addNotificationRoutes } from './notificationRoutes';
import { addPreviewRoutes } from './previewRoutes';
import { addScorecardRoutes } from './scorecardRoutes';
import { EventBatchError } from './service/errors';
import { EventsService } from './service/EventsService';
import { ExemptionService } from './service/scorecards/ExemptionService';
import { ScorecardPreviewService } from './service/scorecards/preview/ScorecardPreviewService';
import { FactsService } from './service/FactsService';
import { IngestService } from './service/IngestService';
import { InitiativeService } from './service/initiatives/InitiativeService';
import { resolveMetricsQuery } from './service/metricsQuery';
import { MetricsService } from './service/MetricsService';
import { ScorecardService } from './service/ScorecardService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  ingest: IngestService;
  metrics: MetricsService;
  events: EventsService;
  facts: FactsService;
  scorecards: ScorecardService;
  exemptions: ExemptionService;
  initiatives: InitiativeService;
  preview: ScorecardPreviewService;
  movers: MoversService;
  /** `GET /v1/environments` (environments and production rules). */
  environments?: EnvironmentsService;
  /** The notification signals (`POST /v1/notifications/evaluate`). */
  signals?: Parameters<typeof addNotificationRoutes>[1]['signals'];
  resultHistoryDays: number;
  maxBodySize: string;
  bodyTimeout: Omit<BodyTimeoutOptions, 'maxBodySize'>;
  heavyReads: LoadSheddingOptions;
  now?: () => number;
}

/** Adds the per-event details of a refused batch to the error body. */
export const eventBatchErrors: ErrorRequestHandler = (
  error,
  req,
  res,
  next,
) => {
  if (!(error instanceof EventBatchError) || res.headersSent) {
    next(error);
    return;
  }
  res.status(400).json({
    error: { name: error.name, message: error.message },
    details: error.details,
    request: { method: req.method, url: req.url },
    response: { statusCode: 400 },
  } satisfies IngestErrorBody);
};

const LONG_WINDOW_MS = 92 * DAY_MS;
const isLongWindow = (request: MetricsRequest) =>
  request.window.to - request.window.from > LONG_WINDOW_MS;

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, ingest, metrics, events } = options;
  const now = options.now ?? Date.now;

  const authorize = async (
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  };

  const router = Router();
  // Path parameters (a scorecard id) reach SQL too: same rule as every string.
  router.use((req, _res, next) => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      throw new InputError('The path is not valid percent-encoding');
    }
    if (!isStorableText(path)) {
      throw new InputError(
        'The path must not contain NUL characters or unpaired UTF-16 surrogates',
      );
    }
    next();
  });
  router.use(closeAfterRefusedBody);
  router.use(
    bodyTimeout({ ...options.bodyTimeout, maxBodySize: options.maxBodySize }),
  );
  router.use(express.json({ limit: options.maxBodySize }));
  // GET routes answer text/csv when asked: docs/exports.md.
  router.use(csvAnswers({ now }));
  const heavy = new LoadShedder(options.heavyReads);
  /** Team reads and long windows take turns; a light read never waits. */
  const readOf = <T>(
    res: Response,
    isHeavy: boolean,
    work: () => Promise<T>,
  ) => (isHeavy ? heavy.run(res, work) : work());

  router.post('/v1/events', async (req, res) => {
    const credentials = await authorize(req, doraEventsCreatePermission);
    res.json(
      (await ingest.ingest(req.body, credentials)) satisfies IngestResponse,
    );
  });

  router.get('/v1/metrics', async (req, res) => {
    const credentials = await authorize(req, doraMetricsReadPermission);
    const { entityRef, ...window } = parseQuery(entityMetricsQuerySchema, req);
    const request = resolveMetricsQuery(window, now());
    res.json(
      (await readOf(res, isLongWindow(request), () =>
        metrics.entityMetrics(entityRef, request, credentials),
      )) satisfies EntityMetrics,
    );
  });

  // Before the single group's route: pooled rows of many groups at once.
  router.get('/v1/groups/metrics', async (req, res) => {
    const credentials = await authorize(req, doraMetricsReadPermission);
    const { groupRef, ...window } = parseQuery(groupsMetricsQuerySchema, req);
    const request = resolveMetricsQuery(window, now());
    res.json(
      (await readOf(res, true, () =>
        metrics.groupsMetrics(groupRef, request, credentials),
      )) satisfies GroupsMetricsResponse,
    );
  });

  router.get('/v1/groups/:namespace/:name/metrics', async (req, res) => {
    const credentials = await authorize(req, doraMetricsReadPermission);
    const { include, ...window } = parseQuery(groupMetricsQuerySchema, req);
    const request = resolveMetricsQuery(window, now());
    const groupRef = `group:${req.params.namespace}/${req.params.name}`;
    res.json(
      (await readOf(res, true, () =>
        metrics.groupMetrics(groupRef, request, credentials, include),
      )) satisfies GroupMetricsResponse,
    );
  });

  router.get('/v1/events', async (req, res) => {
    const credentials = await authorize(req, doraMetricsReadPermission);
    const { from, to, timezone, bucket, ...query } = parseQuery(
      eventsQuerySchema,
      req,
    );
    const request = resolveMetricsQuery({ from, to, timezone, bucket }, now());
    res.json(
      await readOf(
        res,
        query.groupRef !== undefined || isLongWindow(request),
        () => events.listEvents(query, request, credentials),
      ),
    );
  });

  // How far the background maintenance of facts is (operators, benchmarks).
  router.get('/v1/facts', async (req, res) => {
    await authorize(req, doraMetricsReadPermission);
    res.json(await options.facts.status());
  });

  addPreviewRoutes(router, {
    authorize,
    preview: options.preview,
    now,
    heavy: (res, work) => heavy.run(res, work),
  });
  addScorecardRoutes(router, {
    authorize,
    scorecards: options.scorecards,
    initiatives: options.initiatives,
    now,
    resultHistoryDays: options.resultHistoryDays,
  });
  addExemptionRoutes(router, {
    authorize,
    exemptions: options.exemptions,
    now,
  });
  addInitiativeRoutes(router, {
    authorize,
    initiatives: options.initiatives,
    now,
  });
  addNotificationRoutes(router, { authorize, signals: options.signals, now });

  addMoverRoutes(router, {
    authorize,
    movers: options.movers,
    now,
    heavy: (res, work) => heavy.run(res, work),
  });

  if (options.environments) {
    addEnvironmentRoutes(router, {
      authorize,
      environments: options.environments,
    });
  }

  router.use(eventBatchErrors);
  return router;
}
