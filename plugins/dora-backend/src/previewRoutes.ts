import {
  ScorecardPreview,
  doraScorecardsManagePermission,
} from '@dora-metrics/plugin-dora-common';
import { Response, Router } from 'express';
import { ScorecardPreviewService } from './service/scorecards/preview/ScorecardPreviewService';
import { Authorize } from './http/authorize';

/**
 * `POST /v1/scorecards/preview`: a draft graded over past weeks, writing
 * nothing. Needs `dora.scorecards.manage` (it is the editor's preview); a
 * heavy read, so it takes turns with the other heavy reads.
 */
export function addPreviewRoutes(
  router: Router,
  options: {
    authorize: Authorize;
    preview: ScorecardPreviewService;
    now: () => number;
    heavy: <T>(res: Response, work: () => Promise<T>) => Promise<T>;
  },
) {
  const { authorize, preview, now, heavy } = options;

  router.post('/v1/scorecards/preview', async (req, res) => {
    const credentials = await authorize(req, doraScorecardsManagePermission);
    const at = now();
    res.json(
      (await heavy(res, () =>
        preview.preview(req.body, credentials, at),
      )) satisfies ScorecardPreview,
    );
  });
}
