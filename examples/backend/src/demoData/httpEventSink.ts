import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  EventProblem,
  IngestErrorBody,
} from '@dora-metrics/plugin-dora-common';
import {
  DoraEventSink,
  DoraIngestResult,
} from '@dora-metrics/plugin-dora-node';

/**
 * The ingest API refused a request. Carries what the error body says in
 * fields (Backstage's error name and the per-event problems of a refused
 * batch), so callers need not read the message.
 */
export class IngestRefusedError extends Error {
  readonly name = 'IngestRefusedError';

  constructor(
    message: string,
    readonly statusCode: number,
    /** `error.name` of the body, e.g. `InputError` for a refused batch. */
    readonly errorName: string | undefined,
    readonly problems: EventProblem[],
  ) {
    super(message);
  }
}

/** Reads the ingest API's error body (Backstage's, plus `details`); anything else gives no fields. */
function refusal(text: string): {
  errorName?: string;
  problems: EventProblem[];
} {
  try {
    // Checked field by field: a proxy or a crash may answer with another body.
    const body = JSON.parse(text) as Partial<IngestErrorBody> | null;
    return {
      errorName:
        typeof body?.error?.name === 'string' ? body.error.name : undefined,
      problems: Array.isArray(body?.details) ? body.details : [],
    };
  } catch {
    return { problems: [] };
  }
}

/**
 * Posts events to the public ingest API (`POST /api/dora/v1/events`), as a
 * CI pipeline would, with the backend's own service credentials.
 */
export class HttpEventSink implements DoraEventSink {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async ingest(events: unknown[]): Promise<DoraIngestResult> {
    const baseUrl = await this.discovery.getBaseUrl('dora');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'dora',
    });
    const response = await fetch(`${baseUrl}/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ events }),
    });
    if (!response.ok) {
      const body = await response.text();
      const { errorName, problems } = refusal(body);
      throw new IngestRefusedError(
        `POST /api/dora/v1/events answered ${response.status}: ${body.slice(0, 1000)}`,
        response.status,
        errorName,
        problems,
      );
    }
    return (await response.json()) as DoraIngestResult;
  }
}
