import { LoggerService } from '@backstage/backend-plugin-api';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import {
  BodyTimeoutOptions,
  bodyTimeout,
  closeAfterRefusedBody,
} from '../http/bodyTimeout';
import { eventBatchErrors } from '../router';
import { WebhookService } from './WebhookService';

export interface WebhookRouterOptions {
  service: WebhookService;
  logger: LoggerService;
  maxBodySize: string;
  bodyTimeout: Omit<BodyTimeoutOptions, 'maxBodySize' | 'onRefused'>;
}

function lowerCaseHeaders(req: Request): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value)
      ? value.join(',')
      : value;
  }
  return headers;
}

/**
 * `POST /v1/webhooks/:source`. Its own router, mounted before the JSON one,
 * because signatures are computed over the raw bytes of the body.
 */
export function createWebhookRouter(
  options: WebhookRouterOptions,
): express.Router {
  const { service, logger } = options;
  const router = Router();

  router.post(
    '/v1/webhooks/:source',
    (req, _res, next) => {
      try {
        service.handlerFor(req.params.source); // 404 before reading the body
      } catch (error) {
        logger.info(`Refused webhook delivery: ${(error as Error).message}`);
        throw error;
      }
      next();
    },
    closeAfterRefusedBody,
    bodyTimeout({
      ...options.bodyTimeout,
      maxBodySize: options.maxBodySize,
      onRefused: (req, status) =>
        logger.warn(
          `Refused ${req.params.source} webhook delivery from ${req.ip}: ${status} ${status === 413 ? 'body too large' : 'the body did not arrive in time'}`,
        ),
    }),
    (req, res, next) =>
      express.raw({ type: () => true, limit: options.maxBodySize })(
        req,
        res,
        error => {
          // Refusals of the body itself (413, malformed) are logged too.
          if (error) {
            logger.warn(
              `Refused ${req.params.source} webhook delivery from ${req.ip}: ${error.status ?? 400} ${error.message}`,
            );
          }
          next(error);
        },
      ),
    async (req, res) => {
      const source = req.params.source;
      try {
        const outcome = await service.receive(source, {
          headers: lowerCaseHeaders(req),
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          receivedAt: Date.now(),
        });
        res.status(outcome.status === 'accepted' ? 200 : 202).json(outcome);
      } catch (error) {
        // Handlers never put secrets in their messages.
        logger.warn(
          `Refused ${source} webhook delivery from ${req.ip}: ${(error as Error).name}: ${(error as Error).message}`,
        );
        throw error;
      }
    },
  );

  router.use(eventBatchErrors);
  return router;
}
