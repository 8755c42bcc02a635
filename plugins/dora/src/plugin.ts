import { Entity } from '@backstage/catalog-model';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { doraApiRef } from './api/DoraApi';
import { DoraClient } from './api/DoraClient';
import {
  entityContentRouteRef,
  groupContentRouteRef,
  initiativeRouteRef,
  rootRouteRef,
  scorecardRouteRef,
} from './routes';

/** The DORA metrics plugin for the legacy frontend system. */
export const doraPlugin = createPlugin({
  id: 'dora',
  apis: [
    createApiFactory({
      api: doraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DoraClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    scorecard: scorecardRouteRef,
    initiative: initiativeRouteRef,
  },
});

/** Whether an entity has a DORA tab: components (services, websites, libraries...). */
export function isDoraAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}

/** Whether an entity has a team DORA tab: groups. */
export function isDoraGroupAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'group';
}

/** The DORA page: teams side by side, scorecards and their services. */
export const DoraPage = doraPlugin.provide(
  createRoutableExtension({
    name: 'DoraPage',
    component: () => import('./components/DoraPage').then(m => m.DoraPage),
    mountPoint: rootRouteRef,
  }),
);

/** The DORA tab of a service. */
export const EntityDoraContent = doraPlugin.provide(
  createRoutableExtension({
    name: 'EntityDoraContent',
    component: () =>
      import('./components/EntityDoraContent').then(m => m.EntityDoraContent),
    mountPoint: entityContentRouteRef,
  }),
);

/** The DORA tab of a team (a Group entity). */
export const EntityGroupDoraContent = doraPlugin.provide(
  createRoutableExtension({
    name: 'EntityGroupDoraContent',
    component: () =>
      import('./components/EntityGroupDoraContent').then(
        m => m.EntityGroupDoraContent,
      ),
    mountPoint: groupContentRouteRef,
  }),
);

/** The four DORA metrics of a service, compact, for its overview page. */
export const EntityDoraCard = doraPlugin.provide(
  createComponentExtension({
    name: 'EntityDoraCard',
    component: {
      lazy: () =>
        import('./components/EntityDoraCard').then(m => m.EntityDoraCard),
    },
  }),
);

/** A service's working agreements: level reached and rules not passing. */
export const EntityScorecardCard = doraPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardCard',
    component: {
      lazy: () =>
        import('./components/EntityScorecardCard').then(
          m => m.EntityScorecardCard,
        ),
    },
  }),
);
