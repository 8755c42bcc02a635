/*
 * The report levels and the team's initiatives where they are shown: the
 * service's and the team's DORA tabs, from the body those tabs already
 * fetch (issue 16).
 */
import {
  dora2023Benchmark,
  dora2024Benchmark,
  evaluateBenchmark,
} from '@dora-metrics/plugin-dora-common';
import { screen, waitFor, within } from '@testing-library/react';
import {
  componentEntity,
  createFakeDoraApi,
  entityMetrics,
  FIXED_NOW,
  groupEntity,
  groupMetrics,
  TEAM,
} from '../../__testUtils__/fixtures';
import { silverEntryForTeam } from '../../__testUtils__/initiativeFixtures';
import { renderDora } from '../../__testUtils__/render';
import { EntityDoraContent } from '../EntityDoraContent';
import { EntityGroupDoraContent } from '../EntityGroupDoraContent';

jest.setTimeout(60_000);

const badge = (year: number, level: string | null) =>
  `DORA ${year}: ${level ? level[0].toUpperCase() + level.slice(1) : 'no level'}`;

describe('report levels and initiatives on the DORA tabs (issue 16)', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('places the service’s window on each report year without another request', async () => {
    const { api } = await renderDora(<EntityDoraContent />, {
      entity: componentEntity(),
    });
    const card = await screen.findByText('DORA report levels');
    const body = entityMetrics('component:default/payments-api');
    for (const benchmark of [dora2024Benchmark, dora2023Benchmark]) {
      const { level } = evaluateBenchmark(benchmark, body);
      expect(
        screen.getByText(badge(benchmark.year, level)),
      ).toBeInTheDocument();
    }
    expect(card).toBeInTheDocument();
    // The window and the previous window, as before.
    expect(api.getEntityMetrics).toHaveBeenCalledTimes(2);
  });

  it('shows the team’s report levels and, when some concern it, its initiatives', async () => {
    const api = createFakeDoraApi({
      getInitiatives: async () => [silverEntryForTeam],
    });
    await renderDora(<EntityGroupDoraContent />, {
      api,
      entity: groupEntity(TEAM),
    });
    const item = await screen.findByRole('listitem', {
      name: 'Commerce at Silver',
    });
    expect(
      within(item).getByText(/^The team: 1 of 3 of its entities/),
    ).toBeInTheDocument();
    expect(api.getInitiatives).toHaveBeenCalledWith({ groupRef: TEAM });
    const { level } = evaluateBenchmark(dora2024Benchmark, groupMetrics(TEAM));
    expect(screen.getByText(badge(2024, level))).toBeInTheDocument();
    expect(api.getGroupMetrics).toHaveBeenCalledTimes(1);
  });

  it('shows no initiatives card on a team no initiative concerns', async () => {
    const { api } = await renderDora(<EntityGroupDoraContent />, {
      entity: groupEntity(TEAM),
    });
    await screen.findByText('DORA report levels');
    await waitFor(() => expect(api.getInitiatives).toHaveBeenCalled());
    expect(
      screen.queryByRole('listitem', { name: 'Commerce at Silver' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Initiatives')).not.toBeInTheDocument();
  });
});
