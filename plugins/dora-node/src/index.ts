/**
 * Extension points and provider interfaces for backend modules of the dora
 * plugin.
 *
 * @packageDocumentation
 */
export * from './eventProviders';
export * from './webhooks';
export * from './webhookConfig';
