import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { createFakeDoraApi, FIXED_NOW } from '../../__testUtils__/fixtures';
import {
  silverEntry,
  slippingEntry,
} from '../../__testUtils__/initiativeFixtures';
import { withPermissions } from '../../__testUtils__/permissions';
import { renderDora } from '../../__testUtils__/render';
import { DoraPage } from '../DoraPage';

jest.setTimeout(30_000);

const entries = [silverEntry, slippingEntry];

const renderPage = (id: string, manager = false) => {
  const api = createFakeDoraApi({
    getInitiatives: async () => entries,
    getInitiative: async wanted => {
      const found = entries.find(e => e.initiative.id === wanted);
      if (!found) throw new Error(`no initiative ${wanted}`);
      return found;
    },
    updateInitiative: async () => silverEntry,
    deleteInitiative: async () => undefined,
  });
  const page = (
    <Routes>
      <Route path="/dora/*" element={<DoraPage />} />
    </Routes>
  );
  return renderDora(
    manager ? withPermissions(page, ['dora.scorecards.manage']) : page,
    {
      api,
      catalogApi: catalogApiMock({ entities: [] }),
      routeEntries: [`/dora/initiatives/${id}`],
    },
  );
};

const fact = (term: string) => {
  const facts = screen.getByRole('region', { name: 'Progress' });
  const dt = within(facts).getByText(`${term}:`);
  return dt.nextElementSibling?.textContent;
};

describe('InitiativePage (issue 16)', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('shows progress now, at the start and against the target, what is still needed and the days left', async () => {
    const { api } = await renderPage('commerce-silver');
    expect(
      await screen.findByRole('heading', { name: 'Commerce at Silver' }),
    ).toBeInTheDocument();
    expect(api.getInitiative).toHaveBeenCalledWith('commerce-silver');
    expect(fact('Now')).toBe('5 of 10 (50 %)');
    expect(fact('At the start')).toBe('2 of 10 (20 %), week of Mar 1, 2026');
    expect(fact('Target')).toBe('80 %');
    expect(fact('Paid down')).toBe('3 of 8 that missed it at the start');
    expect(fact('Way to target')).toBe('50 %');
    expect(fact('Still needed')).toBe('3 more entities must meet it');
    expect(fact('Deadline')).toBe('Jun 30, 2026 (91 days left)');
    expect(
      screen.getByText('paid down 3 of 8 since start, 50 % of the way'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Scope: owners group:default\/commerce; kinds component/,
      ),
    ).toBeInTheDocument();
  });

  it('lists the weeks from the start with their share and way to the target', async () => {
    await renderPage('commerce-silver');
    const weeks = await screen.findByRole('region', { name: 'Week by week' });
    expect(within(weeks).getAllByRole('row')).toHaveLength(1 + 5);
    const third = within(weeks).getByText('Mar 15, 2026').closest('tr')!;
    // 3 of 10 meet it: 30 %, (30 − 20) / (80 − 20) of the way.
    expect(within(third).getByText('30 %')).toBeInTheDocument();
    expect(within(third).getByText('17 %')).toBeInTheDocument();
  });

  it('lists the entities that still miss it, each linked, with the rules they miss', async () => {
    await renderPage('commerce-silver');
    const missing = await screen.findByRole('region', {
      name: 'Still missing the target',
    });
    const links = within(missing).getAllByRole('link');
    expect(links.map(l => l.textContent)).toEqual(
      [5, 6, 7, 8, 9].map(i => `component:default/svc-${i}`),
    );
    expect(links[0]).toHaveAttribute(
      'href',
      '/catalog/default/component/svc-5/dora',
    );
    const odd = links[0].closest('tr')!;
    expect(within(odd).getByText('Restore within a day')).toBeInTheDocument();
    const even = links[1].closest('tr')!;
    expect(
      within(even).getByText(
        'Change failure rate at most 15 %, Restore within a day',
      ),
    ).toBeInTheDocument();
  });

  it('says how far it slipped and how long ago the deadline passed', async () => {
    await renderPage('first-review-everywhere');
    await screen.findByRole('heading', { name: 'First review everywhere' });
    expect(fact('Way to target')).toBe('-10 %');
    expect(fact('Deadline')).toBe('Mar 20, 2026 (deadline passed 11 days ago)');
    expect(
      screen.getByText(
        'slipped: 10 % below the start (paid down 0 of 10 since start)',
      ),
    ).toBeInTheDocument();
  });

  it('offers edit and delete to managers only', async () => {
    await renderPage('commerce-silver');
    await screen.findByRole('heading', { name: 'Commerce at Silver' });
    expect(
      screen.queryByRole('button', { name: 'Edit' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
  });

  it('edits it with its own fields and saves the change', async () => {
    const { api } = await renderPage('commerce-silver', true);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('dialog', { name: 'Edit initiative' });
    expect(within(form).getByLabelText('Id')).toHaveValue('commerce-silver');
    expect(within(form).getByLabelText('Id')).toBeDisabled();
    expect(within(form).getByLabelText('Target share')).toHaveValue('80%');
    fireEvent.change(within(form).getByLabelText('Title'), {
      target: { value: 'Commerce at Silver by June' },
    });
    await userEvent.click(
      within(form).getByRole('button', { name: 'Save changes' }),
    );
    await waitFor(() =>
      expect(api.updateInitiative).toHaveBeenCalledWith('commerce-silver', {
        id: 'commerce-silver',
        title: 'Commerce at Silver by June',
        description: 'Every commerce service restores within a day.',
        target: { scorecardId: 'delivery', level: 'silver' },
        scope: { owners: ['group:default/commerce'], kinds: ['component'] },
        targetShare: '80%',
        owner: 'group:default/commerce',
        startsAt: '2026-03-01T00:00:00Z',
        deadline: '2026-06-30T00:00:00Z',
      }),
    );
  });

  it('deletes it after a confirmation and goes back to the DORA page', async () => {
    const { api } = await renderPage('commerce-silver', true);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete' }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'Delete initiative',
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(api.deleteInitiative).toHaveBeenCalledWith('commerce-silver'),
    );
    expect(
      await screen.findByRole('heading', { name: 'Initiatives' }),
    ).toBeInTheDocument();
  });
});
