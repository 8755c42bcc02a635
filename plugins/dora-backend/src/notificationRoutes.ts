import { ConflictError } from '@backstage/errors';
import {
  SignalEvaluationResponse,
  doraScorecardsManagePermission,
} from '@dora-metrics/plugin-dora-common';
import { Router } from 'express';
import { Authorize } from './http/authorize';
import { SignalService } from './service/notifications/SignalService';

/**
 * `POST /v1/notifications/evaluate`: evaluates the signals now, as the
 * scheduled task does, and sends what changed. Needs
 * `dora.scorecards.manage`; 409 while notifications are off.
 */
export function addNotificationRoutes(
  router: Router,
  options: {
    authorize: Authorize;
    /** Absent when the plugin was built without notifications. */
    signals?: Pick<SignalService, 'enabled' | 'evaluate'>;
    now: () => number;
  },
) {
  const { authorize, signals, now } = options;

  router.post('/v1/notifications/evaluate', async (req, res) => {
    await authorize(req, doraScorecardsManagePermission);
    if (!signals?.enabled) {
      throw new ConflictError(
        'notifications are off (dora.notifications.enabled)',
      );
    }
    res.json(
      (await signals.evaluate(now())) satisfies SignalEvaluationResponse,
    );
  });
}
