import { screen } from '@testing-library/react';
import { createFakeDoraApi } from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { EnvironmentsCard } from './EnvironmentsCard';

jest.setTimeout(30_000);

describe('EnvironmentsCard', () => {
  it('lists each environment, whether it counts as production and the rule that decided, with its source', async () => {
    const api = createFakeDoraApi({
      getEnvironments: async entityRef => ({
        entityRef,
        rules: [
          { rule: 'prod*', source: 'annotation' },
          { rule: '/^live-\\d$/', source: 'annotation' },
        ],
        environments: [
          {
            environment: 'prod-eu-1',
            deployments: 7,
            lastDeployedAt: '2024-05-01T10:00:00.000Z',
            production: true,
            rule: 'prod*',
          },
          {
            environment: 'staging',
            deployments: 3,
            lastDeployedAt: '2024-05-02T09:30:00.000Z',
            production: false,
            rule: null,
          },
        ],
      }),
    });
    await renderDora(
      <EnvironmentsCard entityRef="component:default/payments-api" />,
      { api },
    );
    const prod = (await screen.findByText('prod-eu-1')).closest('tr')!;
    expect(prod).toHaveTextContent(
      'prod-eu-172024-05-01 10:00yesprod* (dora/production-environments)',
    );
    const staging = screen.getByText('staging').closest('tr')!;
    expect(staging).toHaveTextContent(
      'staging32024-05-02 09:30nono rule matched',
    );
    expect(api.getEnvironments).toHaveBeenCalledWith(
      'component:default/payments-api',
    );
  });
});
