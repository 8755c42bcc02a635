import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

// Serves the built example app (examples/app/dist) when it exists.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@dora-metrics/plugin-dora-backend'));
// The DORA plugins notify owners through Backstage Notifications
// (dora.notifications in app-config.yaml). The signals backend, which pushes
// them to the bell live, is left out: its current release (0.3.21) needs
// backend-defaults 0.19 and fails to start on the example's 0.18; without it
// the app's bell polls every 30 s.
backend.add(import('@backstage/plugin-notifications-backend'));
// Incident webhooks (secrets in app-config.yaml). The GitHub module is left
// out: the example's repositories are made up, and it needs a GitHub token.
backend.add(import('@dora-metrics/plugin-dora-backend-module-pagerduty'));
backend.add(import('@dora-metrics/plugin-dora-backend-module-opsgenie'));
// GitLab: does nothing until dora.gitlab or dora.webhooks.gitlab is configured.
backend.add(import('@dora-metrics/plugin-dora-backend-module-gitlab'));
backend.add(import('./demoData'));

backend.start();
