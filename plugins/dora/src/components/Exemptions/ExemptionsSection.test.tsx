import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ExemptionEntry } from '@dora-metrics/plugin-dora-common';
import {
  createFakeDoraApi,
  deliveryScorecard,
  exemptionEntry,
  TEAM,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { ExemptionsSection } from './ExemptionsSection';
import { responseError, withPermissions } from '../../__testUtils__/permissions';

jest.setTimeout(30_000);

const pending = exemptionEntry({ id: 'ex-pending', status: 'pending' });
const approved = exemptionEntry({
  id: 'ex-approved',
  ruleId: 'pr-size',
  scope: { kind: 'group', groupRef: TEAM },
  reason: 'Generated clients',
  expiresAt: null,
  decidedBy: 'user:default/lead',
  decidedAt: '2026-03-02T10:00:00Z',
  decisionNote: 'Fine until the generator moves out',
});

function render(allowed: string[], items: ExemptionEntry[], overrides = {}) {
  const api = createFakeDoraApi({
    getExemptions: async (_id, query) =>
      items.filter(e => !query?.status || e.state === query.status),
    ...overrides,
  });
  return renderDora(
    withPermissions(
      <ExemptionsSection
        scorecardId={deliveryScorecard.id}
        rules={deliveryScorecard.rules}
      />,
      allowed,
    ),
    { api },
  );
}

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

describe('ExemptionsSection', () => {
  it('lists each exemption with rule, scope, reason, expiry, state and who asked and decided (issue 16)', async () => {
    await render([], [pending, approved]);
    const table = await screen.findByRole('table', { name: 'Exemptions' });
    const first = within(table)
      .getByText('Lead time under a day')
      .closest('tr')!;
    expect(first).toHaveTextContent('Service payments-api');
    expect(first).toHaveTextContent(pending.reason);
    expect(first).toHaveTextContent('Pending');
    expect(first).toHaveTextContent('user:default/jdoe');
    const second = rowOf('Small pull requests');
    expect(second).toHaveTextContent('Team commerce and the teams below');
    expect(second).toHaveTextContent('No expiry');
    expect(second).toHaveTextContent('Approved');
    expect(second).toHaveTextContent('user:default/lead');
    expect(second).toHaveTextContent(
      'Note: Fine until the generator moves out',
    );
  });

  it('filters by state through the API (issue 16)', async () => {
    const { api } = await render([], [pending, approved]);
    await screen.findByRole('table', { name: 'Exemptions' });
    await userEvent.selectOptions(screen.getByLabelText('State'), 'approved');
    await waitFor(() =>
      expect(api.getExemptions).toHaveBeenLastCalledWith('delivery', {
        status: 'approved',
      }),
    );
    await waitFor(() =>
      expect(
        screen.queryByText('Lead time under a day'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Small pull requests')).toBeInTheDocument();
  });

  it('lets a manager approve a pending one with a note, then reloads (issue 16)', async () => {
    const { api } = await render(
      ['dora.scorecards.manage'],
      [pending, approved],
      {
        decideExemption: async () => ({
          ...pending,
          status: 'approved',
          state: 'approved',
        }),
      },
    );
    await screen.findByRole('table', { name: 'Exemptions' });
    // Revoke on the approved one, approve and deny on the pending one.
    expect(
      within(rowOf('Small pull requests'))
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['Revoke']);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Approve: Lead time under a day, Service payments-api',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Approve the exemption?',
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Note (optional)' }),
      'Until the build moves',
    );
    const reads = api.getExemptions.mock.calls.length;
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.decideExemption).toHaveBeenCalledWith('delivery', 'ex-pending', {
      action: 'approve',
      note: 'Until the build moves',
    });
    await waitFor(() =>
      expect(api.getExemptions.mock.calls.length).toBeGreaterThan(reads),
    );
  });

  it('shows no decision buttons to a user who may only request (issue 16)', async () => {
    await render(['dora.scorecards.exempt'], [pending, approved]);
    await screen.findByRole('table', { name: 'Exemptions' });
    await new Promise(resolve => setTimeout(resolve, 50));
    for (const name of [/^Approve/, /^Deny/, /^Revoke/]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('says so and reloads when someone decided meanwhile (409) (issue 16)', async () => {
    const message =
      'Exemption ex-pending is already denied; only a pending one can be approved';
    const { api } = await render(['dora.scorecards.manage'], [pending], {
      decideExemption: async () => {
        throw await responseError(409, message);
      },
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Deny: Lead time under a day/,
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Deny the exemption?',
    });
    const reads = api.getExemptions.mock.calls.length;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.decideExemption).toHaveBeenCalledWith('delivery', 'ex-pending', {
      action: 'deny',
    });
    await waitFor(() =>
      expect(api.getExemptions.mock.calls.length).toBeGreaterThan(reads),
    );
  });
});
