import { act, screen, waitFor, within } from '@testing-library/react';
import {
  createFakeDoraApi,
  FIXED_NOW,
  TEAM,
} from '../../__testUtils__/fixtures';
import { silverEntryForTeam } from '../../__testUtils__/initiativeFixtures';
import { renderDora } from '../../__testUtils__/render';
import { TeamInitiativesCard } from './TeamInitiativesCard';

jest.setTimeout(30_000);

describe('TeamInitiativesCard (issue 16)', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('lists the initiatives that concern the team, with its standing and the overall progress', async () => {
    const api = createFakeDoraApi({
      getInitiatives: async () => [silverEntryForTeam],
    });
    await renderDora(<TeamInitiativesCard groupRef={TEAM} />, { api });
    const item = await screen.findByRole('listitem', {
      name: 'Commerce at Silver',
    });
    expect(api.getInitiatives).toHaveBeenCalledWith({ groupRef: TEAM });
    expect(screen.getByText('Initiatives')).toBeInTheDocument();
    expect(
      within(item).getByText(
        /^The team: 1 of 3 of its entities in scope meet it \(33 %\); 2 still miss it\./,
      ),
    ).toHaveTextContent(
      'Missing: component:default/checkout-web, component:default/payments-api.',
    );
    expect(
      within(item).getByText('paid down 3 of 8 since start, 50 % of the way'),
    ).toBeInTheDocument();
    expect(
      within(item).getByRole('link', { name: 'Commerce at Silver' }),
    ).toHaveAttribute('href', '/dora/initiatives/commerce-silver');
  });

  it('renders nothing when no initiative concerns the team', async () => {
    const api = createFakeDoraApi({ getInitiatives: async () => [] });
    await renderDora(<TeamInitiativesCard groupRef={TEAM} />, { api });
    await waitFor(() =>
      expect(api.getInitiatives).toHaveBeenCalledWith({ groupRef: TEAM }),
    );
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(screen.queryByText('Initiatives')).not.toBeInTheDocument();
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
  });
});
