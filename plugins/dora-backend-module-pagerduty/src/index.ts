/**
 * Receives PagerDuty v3 webhooks as DORA incidents.
 *
 * @packageDocumentation
 */
export { doraModulePagerDuty as default } from './module';
export {
  PagerDutyWebhookHandler,
  readPagerDutyWebhookConfig,
  signPagerDutyBody,
} from './webhook';
export type { PagerDutyWebhookConfig } from './webhook';
