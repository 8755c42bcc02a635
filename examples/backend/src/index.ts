import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

// Serves the built example app (examples/app/dist) when it exists.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@dora-metrics/plugin-dora-backend'));
backend.add(import('./demoData'));

backend.start();
