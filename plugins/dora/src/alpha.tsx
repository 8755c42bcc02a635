import {
  compatWrapper,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { doraApiRef } from './api/DoraApi';
import { DoraClient } from './api/DoraClient';
import { initiativeRouteRef, rootRouteRef, scorecardRouteRef } from './routes';

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  scorecard: scorecardRouteRef,
  initiative: initiativeRouteRef,
});

/** The DoraApi over HTTP. */
export const doraApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: doraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DoraClient({ discoveryApi, fetchApi }),
    }),
});

// The app's nav lists only pages with an icon; Material icons need
// fontSize="inherit" to take the nav's size. Same icon as the legacy sidebar.
const doraIcon = <TimelineIcon fontSize="inherit" />;

/** The DORA page at /dora, listed in the app's nav as "DORA". */
export const doraPage = PageBlueprint.make({
  params: {
    path: '/dora',
    title: 'DORA',
    icon: doraIcon,
    routeRef: routes.root,
    noHeader: true,
    loader: () =>
      import('./components/DoraPage').then(m => compatWrapper(<m.DoraPage />)),
  },
});

/** The DORA tab of components. */
export const doraEntityContent = EntityContentBlueprint.make({
  name: 'component',
  params: {
    path: 'dora',
    title: 'DORA',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityDoraContent').then(m =>
        compatWrapper(<m.EntityDoraContent />),
      ),
  },
});

/** The DORA tab of groups: the team's pooled metrics. */
export const doraGroupEntityContent = EntityContentBlueprint.make({
  name: 'group',
  params: {
    path: 'dora',
    title: 'DORA',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityGroupDoraContent').then(m =>
        compatWrapper(<m.EntityGroupDoraContent />),
      ),
  },
});

/** The compact four-metric card of components. */
export const doraEntityCard = EntityCardBlueprint.make({
  name: 'metrics',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityDoraCard').then(m =>
        compatWrapper(<m.EntityDoraCard />),
      ),
  },
});

/** The working-agreements card of components. */
export const doraScorecardEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityScorecardCard').then(m =>
        compatWrapper(<m.EntityScorecardCard />),
      ),
  },
});

/** The DORA metrics plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'dora',
  title: 'DORA metrics',
  icon: doraIcon,
  info: { packageJson: () => import('../package.json') },
  routes,
  extensions: [
    doraApi,
    doraPage,
    doraEntityContent,
    doraGroupEntityContent,
    doraEntityCard,
    doraScorecardEntityCard,
  ],
});
