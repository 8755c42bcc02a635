/** The parts of an Opsgenie outgoing webhook payload that are read (all may be missing). */
export interface OpsgenieWebhookPayload {
  action?: string;
  alert?: OpsgenieAlert;
  source?: { name?: string; type?: string };
  integrationName?: string;
  integrationId?: string;
  integrationType?: string;
}

export interface OpsgenieAlert {
  alertId?: string;
  message?: string;
  tags?: string[];
  tinyId?: string;
  entity?: string;
  alias?: string;
  /** Epoch milliseconds. */
  createdAt?: number;
  /** Epoch nanoseconds in Opsgenie's payloads (milliseconds are accepted too). */
  updatedAt?: number;
  team?: string;
  teams?: string[];
  responders?: Array<{ id?: string; type?: string; name?: string }>;
  details?: Record<string, string>;
  priority?: string;
  source?: string;
}
