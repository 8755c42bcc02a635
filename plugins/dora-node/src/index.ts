/**
 * Extension points and provider interfaces for backend modules of the dora
 * plugin, and the toolkit their webhook handlers share.
 *
 * @packageDocumentation
 */
export * from './catalog';
export * from './eventProviders';
export * from './scheduledEventProvider';
export * from './openPullRequests';
export * from './webhooks';
export * from './webhookConfig';
export * from './ingestInBatches';
export * from './http/rateLimits';
