import { screen } from '@testing-library/react';
import {
  componentEntity,
  FIXED_NOW,
  groupEntity,
  PAYMENTS,
} from './__testUtils__/fixtures';
import { renderDora } from './__testUtils__/render';
import {
  doraPlugin,
  EntityDoraCard,
  isDoraAvailable,
  isDoraGroupAvailable,
} from './plugin';
import { doraApiRef } from './api/DoraApi';
import { DoraClient } from './api/DoraClient';

// Charts, tables and the engine behind the fake API are slow on 2 cores.
jest.setTimeout(30_000);

describe('doraPlugin (legacy frontend system)', () => {
  it('is the dora plugin and provides a DoraClient for the DoraApi', () => {
    expect(doraPlugin.getId()).toBe('dora');
    const [factory] = [...doraPlugin.getApis()];
    expect(factory.api).toBe(doraApiRef);
    const api = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://localhost/api/dora' },
      fetchApi: { fetch },
    });
    expect(api).toBeInstanceOf(DoraClient);
  });

  it('says where the DORA tabs apply: components, and groups for teams', () => {
    expect(isDoraAvailable(componentEntity())).toBe(true);
    expect(isDoraAvailable(groupEntity())).toBe(false);
    expect(isDoraGroupAvailable(groupEntity())).toBe(true);
    expect(isDoraGroupAvailable(componentEntity())).toBe(false);
  });

  it('renders the lazy card extension', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
    await renderDora(<EntityDoraCard />, { entity: componentEntity(PAYMENTS) });
    expect(
      await screen.findByRole('list', { name: 'DORA metrics' }),
    ).toBeInTheDocument();
    jest.restoreAllMocks();
  });
});
