import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The DORA page. */
export const rootRouteRef = createRouteRef({ id: 'dora' });

/** A scorecard's detail page, below the DORA page. */
export const scorecardRouteRef = createSubRouteRef({
  id: 'dora/scorecard',
  parent: rootRouteRef,
  path: '/scorecards/:scorecardId',
});

/** An initiative's page, below the DORA page (issue 16). */
export const initiativeRouteRef = createSubRouteRef({
  id: 'dora/initiative',
  parent: rootRouteRef,
  path: '/initiatives/:initiativeId',
});

/** The DORA tab of a service. */
export const entityContentRouteRef = createRouteRef({
  id: 'dora/entity-content',
});

/** The DORA tab of a team. */
export const groupContentRouteRef = createRouteRef({
  id: 'dora/group-content',
});
