export { OpsgenieWebhookHandler } from './OpsgenieWebhookHandler';
export { EntityResolver } from './EntityResolver';
export { INTEGRATION_KEY_HEADER, readOpsgenieWebhookConfig } from './config';
export type { EntityMapping, OpsgenieWebhookConfig } from './config';
export { parseComponentSelector, matchesSelector } from './componentSelector';
export type { SelectorClause } from './componentSelector';
