import { screen, within } from '@testing-library/react';
import {
  componentEntity,
  createFakeDoraApi,
  EMPTY,
  FIXED_NOW,
  PAYMENTS,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { EntityDoraCard } from './EntityDoraCard';

// Charts, tables and the engine behind the fake API are slow on 2 cores.
jest.setTimeout(30_000);

describe('EntityDoraCard', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('shows the four metrics of the last 30 days with their bands named', async () => {
    await renderDora(<EntityDoraCard />, { entity: componentEntity(PAYMENTS) });
    const list = await screen.findByRole('list', { name: 'DORA metrics' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveTextContent('Deployment frequency4.2/weekHigh');
    expect(items[1]).toHaveTextContent('Lead time for changes32.5 hHigh');
    expect(items[2]).toHaveTextContent('Change failure rate11 %Medium');
    // 2 incidents are below the 5 a band is given from: not rated.
    expect(items[3]).toHaveTextContent(
      'Time to restore service1.8 h (2 incidents: too few to rate (rated from 5))Not rated',
    );
    expect(within(items[3]).queryByText('High')).not.toBeInTheDocument();
    expect(screen.getByText('Last 30 days')).toBeInTheDocument();
  });

  it('shows the caveat badges of the numbers it compares (small sample)', async () => {
    await renderDora(<EntityDoraCard />, { entity: componentEntity(PAYMENTS) });
    await screen.findByRole('list', { name: 'DORA metrics' });
    expect(screen.getByText('Small sample')).toBeInTheDocument();
    expect(screen.queryByText('From pull requests')).not.toBeInTheDocument();
  });

  it('says "Last 1 day" for a one-day window (plurals)', async () => {
    await renderDora(<EntityDoraCard days={1} />, {
      entity: componentEntity(PAYMENTS),
    });
    expect(await screen.findByText('Last 1 day')).toBeInTheDocument();
  });

  it('asks for the number of days it is given', async () => {
    const api = createFakeDoraApi();
    await renderDora(<EntityDoraCard days={7} />, {
      api,
      entity: componentEntity(PAYMENTS),
    });
    await screen.findByRole('list', { name: 'DORA metrics' });
    expect(api.getEntityMetrics).toHaveBeenCalledWith(
      PAYMENTS,
      expect.objectContaining({
        from: new Date(FIXED_NOW - 7 * 86_400_000).toISOString(),
      }),
    );
  });

  it('points to the ingestion docs when there is nothing to show', async () => {
    await renderDora(<EntityDoraCard />, {
      entity: componentEntity(EMPTY),
      config: { dora: { ingestionDocsUrl: 'https://docs.example.com/ingest' } },
    });
    expect(
      await screen.findByRole('link', { name: /ingestion docs/ }),
    ).toHaveAttribute('href', 'https://docs.example.com/ingest');
  });

  it('shows the error when the backend fails', async () => {
    const api = createFakeDoraApi({
      getEntityMetrics: () => Promise.reject(new Error('backend down')),
    });
    await renderDora(<EntityDoraCard />, {
      api,
      entity: componentEntity(PAYMENTS),
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
