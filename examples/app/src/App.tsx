import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import doraPlugin from '@dora-metrics/plugin-dora/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  // DORA first: its cards then lead the catalog's on a service's overview.
  features: [doraPlugin, catalogPlugin, orgPlugin, navModule, signInModule],
});
