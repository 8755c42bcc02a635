import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import { createFakeDoraApi, FIXED_NOW } from '../../__testUtils__/fixtures';
import {
  silverEntry,
  slippingEntry,
} from '../../__testUtils__/initiativeFixtures';
import { withPermissions } from '../../__testUtils__/permissions';
import { renderDora } from '../../__testUtils__/render';
import { InitiativesSection } from './InitiativesSection';

jest.setTimeout(30_000);

/** With `dora.scorecards.manage` granted. */
const asManager = (element: ReactElement) =>
  withPermissions(element, ['dora.scorecards.manage']);

/** Changes a field at once (typing each key re-renders the whole form). */
const fill = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });

const listApi = (overrides = {}) =>
  createFakeDoraApi({
    getInitiatives: async () => [silverEntry, slippingEntry],
    ...overrides,
  });

describe('InitiativesSection (issue 16)', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('lists each initiative with its target, owner, deadline, days left and progress, linking to its page', async () => {
    await renderDora(<InitiativesSection />, { api: listApi() });
    expect(
      screen.getByRole('heading', { name: 'Initiatives' }),
    ).toBeInTheDocument();
    const silver = await screen.findByRole('listitem', {
      name: 'Commerce at Silver',
    });
    expect(
      within(silver).getByRole('link', { name: 'Commerce at Silver' }),
    ).toHaveAttribute('href', '/dora/initiatives/commerce-silver');
    expect(
      within(silver).getByText(
        'Target: 80 % at Silver in Delivery working agreements',
      ),
    ).toBeInTheDocument();
    expect(
      within(silver).getByText(
        'Owner: group:default/commerce · Deadline: Jun 30, 2026 (91 days left)',
      ),
    ).toBeInTheDocument();
    expect(
      within(silver).getByText('paid down 3 of 8 since start, 50 % of the way'),
    ).toBeInTheDocument();
    expect(
      within(silver).getByRole('progressbar', {
        name: 'Progress of Commerce at Silver',
      }),
    ).toHaveAttribute('aria-valuenow', '50');
  });

  it('says when an initiative slips below its start, and that its deadline passed (issue 16)', async () => {
    await renderDora(<InitiativesSection />, { api: listApi() });
    const slipping = await screen.findByRole('listitem', {
      name: 'First review everywhere',
    });
    expect(
      within(slipping).getByText(
        'slipped: 10 % below the start (paid down 0 of 10 since start)',
      ),
    ).toBeInTheDocument();
    expect(
      within(slipping).getByText(
        'Target: 100 % passing “First review within a day” in Delivery working agreements',
      ),
    ).toBeInTheDocument();
    expect(
      within(slipping).getByText(/deadline passed 11 days ago/),
    ).toBeInTheDocument();
    expect(
      within(slipping).getByRole('progressbar', {
        name: 'Progress of First review everywhere',
      }),
    ).toHaveAttribute('aria-valuenow', '0');
  });

  it('offers no "New initiative" without dora.scorecards.manage', async () => {
    await renderDora(<InitiativesSection />, { api: listApi() });
    await screen.findByRole('listitem', { name: 'Commerce at Silver' });
    expect(
      screen.queryByRole('button', { name: 'New initiative' }),
    ).not.toBeInTheDocument();
  });

  it('validates the new initiative as it is typed, with the API’s messages, and creates it (issue 16)', async () => {
    const api = listApi({
      createInitiative: async () => silverEntry,
    });
    await renderDora(asManager(<InitiativesSection />), { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'New initiative' }),
    );
    const form = await screen.findByRole('dialog', { name: 'New initiative' });

    // A field shows its problem once touched, as parseInitiative words it.
    const title = within(form).getByLabelText('Title');
    await userEvent.type(title, 'x');
    await userEvent.clear(title);
    expect(within(form).getByText('must not be empty')).toBeInTheDocument();
    fill(form, 'Target share', '120%');
    expect(
      within(form).getByText(
        '"120%" is not a share above 0 and at most 100%, such as 80% or 0.8',
      ),
    ).toBeInTheDocument();
    fill(form, 'Deadline', '2026-03-01');
    expect(
      within(form).getByText('must be after startsAt (2026-03-31T00:00:00Z)'),
    ).toBeInTheDocument();

    // Saving with problems lists them all and asks nothing.
    await userEvent.click(
      within(form).getByRole('button', { name: 'Create initiative' }),
    );
    const problems = within(form).getByRole('list', { name: 'Problems' });
    expect(within(problems).getByText(/^id: /)).toBeInTheDocument();
    expect(within(problems).getByText(/^target: /)).toBeInTheDocument();
    expect(api.createInitiative).not.toHaveBeenCalled();

    fill(form, 'Id', 'commerce-silver');
    fill(form, 'Title', 'Commerce at Silver');
    await userEvent.selectOptions(
      within(form).getByLabelText('Scorecard'),
      'Delivery working agreements',
    );
    await userEvent.selectOptions(
      within(form).getByLabelText('Target (level or rule)'),
      'Level silver',
    );
    fill(form, 'Owners', 'group:default/commerce');
    fill(form, 'Target share', '80%');
    fill(form, 'Owner', 'group:default/commerce');
    fill(form, 'Deadline', '2026-06-30');
    expect(within(form).queryByText(/must be after/)).not.toBeInTheDocument();
    await userEvent.click(
      within(form).getByRole('button', { name: 'Create initiative' }),
    );

    await waitFor(() =>
      expect(api.createInitiative).toHaveBeenCalledWith({
        id: 'commerce-silver',
        title: 'Commerce at Silver',
        target: { scorecardId: 'delivery', level: 'silver' },
        scope: { owners: ['group:default/commerce'] },
        targetShare: '80%',
        owner: 'group:default/commerce',
        startsAt: '2026-03-31T00:00:00Z',
        deadline: '2026-06-30T00:00:00Z',
      }),
    );
    // The dialog closes and the list is read again.
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.getInitiatives).toHaveBeenCalledTimes(2);
  });

  it('shows what the API refused when it answers 400 (issue 16)', async () => {
    const api = listApi({
      createInitiative: async () => {
        throw new Error(
          'Request failed with 400 Bad Request, target.level: "platinum" is not a level of delivery',
        );
      },
    });
    await renderDora(asManager(<InitiativesSection />), { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'New initiative' }),
    );
    const form = await screen.findByRole('dialog', { name: 'New initiative' });
    fill(form, 'Id', 'x');
    fill(form, 'Title', 'X');
    await userEvent.selectOptions(
      within(form).getByLabelText('Scorecard'),
      'delivery',
    );
    await userEvent.selectOptions(
      within(form).getByLabelText('Target (level or rule)'),
      'rule:first-review',
    );
    fill(form, 'Owner', 'user:default/a');
    fill(form, 'Deadline', '2026-04-30');
    await userEvent.click(
      within(form).getByRole('button', { name: 'Create initiative' }),
    );
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'The API refused it: Request failed with 400 Bad Request, target.level: "platinum" is not a level of delivery',
    );
    expect(api.createInitiative).toHaveBeenCalledWith(
      expect.objectContaining({
        target: { scorecardId: 'delivery', ruleId: 'first-review' },
      }),
    );
  });
});
