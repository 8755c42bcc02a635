import { createPermission } from '@backstage/plugin-permission-common';

/** Ingest delivery events (`POST /api/dora/v1/events`). */
export const doraEventsCreatePermission = createPermission({
  name: 'dora.events.create',
  attributes: { action: 'create' },
});

/** Read metrics, team rollups and the events behind them. */
export const doraMetricsReadPermission = createPermission({
  name: 'dora.metrics.read',
  attributes: { action: 'read' },
});

/** Create, change, delete and evaluate scorecards. */
export const doraScorecardsManagePermission = createPermission({
  name: 'dora.scorecards.manage',
  attributes: { action: 'update' },
});

/**
 * Request an exemption from a scorecard rule. Approving, denying and revoking
 * one needs {@link doraScorecardsManagePermission}, which also allows requesting.
 */
export const doraScorecardsExemptPermission = createPermission({
  name: 'dora.scorecards.exempt',
  attributes: { action: 'create' },
});

export const doraPermissions = [
  doraEventsCreatePermission,
  doraMetricsReadPermission,
  doraScorecardsManagePermission,
  doraScorecardsExemptPermission,
];
