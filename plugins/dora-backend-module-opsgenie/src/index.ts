/**
 * Receives Opsgenie alert webhooks as DORA incidents.
 *
 * @packageDocumentation
 */
export { doraModuleOpsgenie as default } from './module';
export {
  EntityResolver,
  INTEGRATION_KEY_HEADER,
  OpsgenieWebhookHandler,
  matchesSelector,
  parseComponentSelector,
  readOpsgenieWebhookConfig,
} from './webhook';
export type {
  EntityMapping,
  OpsgenieWebhookConfig,
  SelectorClause,
} from './webhook';
// Named by EntityResolver's and OpsgenieWebhookHandler's signatures.
export type {
  OpsgenieAlert,
  OpsgenieWebhookPayload,
} from './webhook/opsgenieTypes';
export type { Resolution } from './webhook/EntityResolver';
