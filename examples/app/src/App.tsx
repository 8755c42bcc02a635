import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import doraPlugin from '@dora-metrics/plugin-dora/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  // DORA first: its cards then lead the catalog's on a service's overview.
  // Notifications: the DORA plugins' breaches, recoveries and digests (the
  // bell is in the nav module). No signals plugin: the example backend runs
  // without the signals backend, so the bell polls.
  features: [
    doraPlugin,
    catalogPlugin,
    orgPlugin,
    notificationsPlugin,
    navModule,
    signInModule,
  ],
});
