import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import {
  componentEntity,
  createFakeDoraApi,
  exemptionEntry,
  PAYMENTS,
  resultRecord,
  scorecardEntries,
  TEAM,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { viewerTimeZone } from '../format';
import { WorkingAgreements } from '../shared/WorkingAgreements';
import { responseError, withPermissions } from '../../__testUtils__/permissions';

// Role queries over the rules table are slow on 2 busy cores.
jest.setTimeout(60_000);

const catalogApi = {
  getEntityByRef: async () => componentEntity(PAYMENTS),
};

function renderAgreements(allowed: string[], api = createFakeDoraApi()) {
  return renderDora(
    withPermissions(
      <WorkingAgreements
        records={[resultRecord(PAYMENTS)]}
        scorecards={scorecardEntries}
      />,
      allowed,
    ),
    { api, catalogApi },
  );
}

describe('Request exemption', () => {
  it('sends the reason, the owner team scope and the end of the expiry day, then shows it pending (issue 16)', async () => {
    const api = createFakeDoraApi({
      requestExemption: async (_id, request) =>
        exemptionEntry({
          ...request,
          scope: { kind: 'group', groupRef: TEAM },
          expiresAt: request.expiresAt ?? null,
          status: 'pending',
        }),
    });
    await renderAgreements(['dora.scorecards.exempt'], api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Request exemption: Lead time under a day',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Request an exemption from “Lead time under a day”',
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason/ }), {
      target: { value: 'Monorepo builds take a day' },
    });
    // The owner team comes from the catalog.
    await userEvent.click(
      await within(dialog).findByRole('radio', {
        name: 'Its owner team (commerce) and the teams below',
      }),
    );
    fireEvent.change(within(dialog).getByLabelText('Expires on (optional)'), {
      target: { value: '2026-06-30' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );

    expect(
      await screen.findByText('Exemption requested (pending)'),
    ).toBeInTheDocument();
    expect(api.requestExemption).toHaveBeenCalledTimes(1);
    const [scorecardId, body] = api.requestExemption.mock.calls[0];
    expect(scorecardId).toBe('delivery');
    expect(body).toEqual({
      ruleId: 'lead-time-gold',
      scope: { groupRef: TEAM },
      reason: 'Monorepo builds take a day',
      expiresAt: expect.any(String),
    });
    // The last second of the picked day where the viewer is.
    expect(
      DateTime.fromISO(body.expiresAt!)
        .setZone(viewerTimeZone())
        .toFormat('yyyy-MM-dd HH:mm:ss'),
    ).toBe('2026-06-30 23:59:59');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it("requires a reason, and shows the API's 400 message in the dialog (issue 16)", async () => {
    const message =
      'expiresAt: 2026-03-01T00:00:00Z is not after the request (2026-03-31T00:00:00Z); leave it out for an exemption until revoked';
    const api = createFakeDoraApi({
      requestExemption: async () => {
        throw await responseError(400, message);
      },
    });
    await renderAgreements(['dora.scorecards.exempt'], api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Request exemption: Small pull requests',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    expect(
      within(dialog).getByText('Say why the rule does not fit'),
    ).toBeInTheDocument();
    expect(api.requestExemption).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason/ }), {
      target: { value: 'Generated code' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    expect(api.requestExemption.mock.calls[0][1]).toEqual({
      ruleId: 'pr-size',
      scope: { entityRef: PAYMENTS },
      reason: 'Generated code',
    });
    expect(
      screen.queryByText('Exemption requested (pending)'),
    ).not.toBeInTheDocument();
  });

  it('is offered to scorecard managers too, only on rules that do not pass (issue 16)', async () => {
    await renderAgreements(['dora.scorecards.manage']);
    const buttons = await screen.findAllByRole('button', {
      name: /^Request exemption: /,
    });
    // Payments warns on PR size and fails lead time; everything else passes.
    expect(buttons.map(b => b.getAttribute('aria-label'))).toEqual([
      'Request exemption: Small pull requests',
      'Request exemption: Lead time under a day',
    ]);
  });

  it('is not offered without dora.scorecards.exempt or manage (issue 16)', async () => {
    await renderAgreements([]);
    await screen.findByText('Lead time under a day');
    // Let the permission answer arrive before looking.
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(
      screen.queryByRole('button', { name: /Request exemption/ }),
    ).not.toBeInTheDocument();
  });
});
