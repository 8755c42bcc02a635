export { PagerDutyWebhookHandler } from './PagerDutyWebhookHandler';
export { readPagerDutyWebhookConfig } from './config';
export type { PagerDutyWebhookConfig } from './config';
export { signPagerDutyBody } from './signatures';
