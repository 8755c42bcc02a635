import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  DoraEventSink,
  DoraIngestResult,
} from '@dora-metrics/plugin-dora-node';

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
      throw new Error(
        `POST /api/dora/v1/events answered ${response.status}: ${body.slice(0, 1000)}`,
      );
    }
    return (await response.json()) as DoraIngestResult;
  }
}
