import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InitiativeInput } from '@dora-metrics/plugin-dora-common';
import { WEEK } from './workingTime';

/**
 * The example's one initiative, dated from `now` so that every start shows
 * weeks of progress: half of the commerce department's services (payments
 * and checkout, the fraud squad included) at gold on the delivery scorecard
 * of app-config, started eight weeks ago, due in eight weeks.
 */
export function demoInitiative(now: Date): InitiativeInput {
  return {
    id: 'commerce-gold',
    title: "Half of commerce's services at gold",
    description:
      'Commerce aims for deploys more than daily, lead times under a day and at most 5 % failed changes on half of its services.',
    target: { scorecardId: 'delivery', level: 'gold' },
    scope: { owners: ['group:default/commerce'] },
    targetShare: '50%',
    owner: 'group:default/commerce',
    startsAt: new Date(now.getTime() - 8 * WEEK).toISOString(),
    deadline: new Date(now.getTime() + 8 * WEEK).toISOString(),
  };
}

/**
 * Creates the demo initiative through the public API (`POST
 * /api/dora/v1/initiatives`), as a platform engineer would, with the
 * backend's own service credentials. One that exists already (a database
 * kept across starts) is left as it is.
 */
export async function createDemoInitiative(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  now: Date;
}): Promise<void> {
  const { discovery, auth, logger } = options;
  const baseUrl = await discovery.getBaseUrl('dora');
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId: 'dora',
  });
  const body = demoInitiative(options.now);
  const response = await fetch(`${baseUrl}/v1/initiatives`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
  if (response.status === 409) {
    logger.info(`DORA demo initiative ${body.id} exists already`);
    return;
  }
  if (!response.ok) {
    throw new Error(
      `POST /api/dora/v1/initiatives answered ${response.status}: ${(await response.text()).slice(0, 1000)}`,
    );
  }
  logger.info(`Created the DORA demo initiative ${body.id}`);
}
