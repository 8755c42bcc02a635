/** The parts of a PagerDuty v3 webhook payload that are read (all may be missing). */
export interface PagerDutyWebhookPayload {
  event?: {
    id?: string;
    event_type?: string;
    resource_type?: string;
    occurred_at?: string;
    data?: PagerDutyIncident;
  };
}

export interface PagerDutyIncident {
  id?: string;
  type?: string;
  number?: number;
  status?: string;
  created_at?: string;
  title?: string;
  urgency?: string;
  service?: { id?: string; summary?: string };
  priority?: { summary?: string } | null;
  /** The incident's page in PagerDuty. */
  html_url?: string | null;
}
