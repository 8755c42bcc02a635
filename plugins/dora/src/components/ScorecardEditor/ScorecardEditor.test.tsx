import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { parseStagedScorecard } from '@dora-metrics/plugin-dora-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { DoraApi } from '../../api/DoraApi';
import {
  apiEntry,
  auditPages,
  configEntry,
  previewOf,
  teamBasicsVersions,
} from '../../__testUtils__/editorFixtures';
import {
  createFakeDoraApi,
  FIXED_NOW,
  groupEntity,
  PAYMENTS,
  TEAM,
} from '../../__testUtils__/fixtures';
import { withPermissions } from '../../__testUtils__/permissions';
import { renderDora } from '../../__testUtils__/render';
import { DoraPage } from '../DoraPage/DoraPage';
import { draftProblems, draftToScorecard, emptyDraft } from './draft';
import { ScorecardEditor } from './ScorecardEditor';

jest.setTimeout(90_000);

function Where() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname}</div>;
}

function render(
  element: ReactElement,
  options: { allowed: boolean; api?: jest.Mocked<DoraApi>; path?: string },
) {
  return renderDora(
    withPermissions(
      <>
        {element}
        <Where />
      </>,
      options.allowed ? ['dora.scorecards.manage'] : [],
    ),
    {
      api: options.api,
      catalogApi: catalogApiMock({ entities: [groupEntity(TEAM)] }),
      routeEntries: options.path ? [options.path] : undefined,
    },
  );
}

const page = (
  <Routes>
    <Route path="/dora/*" element={<DoraPage />} />
  </Routes>
);

const withScorecards = (overrides: Partial<DoraApi> = {}) =>
  createFakeDoraApi({
    getScorecards: async () => [configEntry, apiEntry],
    getScorecardVersions: async () => teamBasicsVersions,
    getScorecardAudit: auditPages,
    ...overrides,
  });

const editor = () => screen.findByRole('dialog');

describe('ScorecardEditor', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('shows an API scorecard read-only, without Save, to users without dora.scorecards.manage (issue 16)', async () => {
    await render(page, {
      allowed: false,
      api: withScorecards(),
      path: '/dora/scorecards/team-basics',
    });
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    await userEvent.click(
      await screen.findByRole('button', { name: 'View definition' }),
    );
    const dialog = await editor();
    expect(within(dialog).getByLabelText('Title')).toBeDisabled();
    expect(within(dialog).getByLabelText('Title')).toHaveValue('Team basics');
    expect(within(dialog).getByLabelText('Rule 2 threshold')).toBeDisabled();
    expect(within(dialog).getByLabelText('Rule 2 threshold')).toHaveValue(
      '24h',
    );
    expect(within(dialog).queryByRole('button', { name: 'Save' })).toBeNull();
    // The preview needs the same permission: not offered.
    expect(
      within(dialog).queryByRole('button', { name: /Preview/ }),
    ).toBeNull();
    expect(
      within(dialog).getByText(/needs the dora.scorecards.manage permission/),
    ).toBeInTheDocument();
  });

  it('shows an app-config scorecard read-only even to managers, and says so (issue 16)', async () => {
    await render(page, {
      allowed: true,
      api: withScorecards(),
      path: '/dora/scorecards/delivery',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'View definition' }),
    );
    const dialog = await editor();
    expect(
      within(dialog).getByText('Defined in app-config: read-only.'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Title')).toBeDisabled();
    expect(within(dialog).queryByRole('button', { name: 'Save' })).toBeNull();
    expect(
      within(dialog).queryByRole('button', { name: 'Delete scorecard' }),
    ).toBeNull();
  });

  it('shows the API’s message under a threshold it cannot read and disables Save (issue 16)', async () => {
    await render(
      <ScorecardEditor open onClose={() => {}} onSaved={() => {}} />,
      { allowed: true },
    );
    const dialog = await editor();
    await userEvent.type(
      within(dialog).getByLabelText('Scorecard id'),
      'fast-flow',
    );
    await userEvent.type(within(dialog).getByLabelText('Title'), 'Fast flow');
    await userEvent.type(
      within(dialog).getByLabelText('Rule 1 id'),
      'lead-time',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Rule 1 title'),
      'Lead time under a day',
    );
    const threshold = within(dialog).getByLabelText('Rule 1 threshold');
    await userEvent.type(threshold, '24h');
    expect(within(dialog).getByText('Reads as ≤ 24h')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Save' }),
      ).toBeEnabled(),
    );

    await userEvent.clear(threshold);
    await userEvent.type(threshold, '15%');
    // The message the API gives for the same body, path for path.
    const body = {
      ...draftToScorecard(emptyDraft()),
      id: 'fast-flow',
      title: 'Fast flow',
    } as any;
    body.rules[0] = {
      ...body.rules[0],
      id: 'lead-time',
      title: 'Lead time under a day',
      threshold: '15%',
    };
    const parsed = parseStagedScorecard(body);
    expect(parsed.ok).toBe(false);
    const apiMessage = (parsed as { problems: string[] }).problems.find(p =>
      p.startsWith('rules[0].threshold: '),
    )!;
    expect(apiMessage).toContain('"15%"');
    expect(within(dialog).getByText(apiMessage)).toBeInTheDocument();
    expect(threshold).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('previews the draft week by week with the entities whose level changes (issue 16)', async () => {
    const api = withScorecards({
      previewScorecard: async request => {
        const draft = request.scorecard as {
          rules: { id: string }[];
          levels: string[];
        };
        return previewOf({
          ruleIds: draft.rules.map(r => r.id),
          levels: draft.levels,
          end: FIXED_NOW,
          weeks: request.weeks,
        });
      },
    });
    await render(page, {
      allowed: true,
      api,
      path: '/dora/scorecards/team-basics',
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await editor();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview (last 12 weeks)' }),
    );
    const weeks = await within(dialog).findByRole('table', {
      name: 'Preview per week',
    });
    expect(api.previewScorecard).toHaveBeenCalledWith({
      scorecard: expect.objectContaining({ id: 'team-basics' }),
      weeks: 12,
    });
    // A header row and one row per week; the latest week last.
    const rows = within(weeks).getAllByRole('row');
    expect(rows).toHaveLength(13);
    expect(within(rows[12]).getByText('Mar 31')).toBeInTheDocument();
    expect(
      within(weeks).getByRole('columnheader', {
        name: /Lead time under a day/,
      }),
    ).toBeInTheDocument();
    expect(within(rows[12]).getAllByText('10 · 0 · 0 · 0 · 0')).toHaveLength(2);
    const changes = within(dialog).getByRole('table', {
      name: 'Level changes',
    });
    const payments = within(changes).getByText(PAYMENTS).closest('tr')!;
    expect(within(payments).getByText('↑ up')).toBeInTheDocument();
    expect(within(payments).getByText('silver')).toBeInTheDocument();
    expect(within(dialog).getByText(/Took 42 ms/)).toBeInTheDocument();
  });

  it('shows the preview’s refusal with the API’s message (issue 16)', async () => {
    const refusal = Object.assign(new Error('Request failed with 400'), {
      name: 'ResponseError',
      response: {},
      body: {},
      cause: new Error('scorecard.window: must be a number of days or weeks'),
      statusCode: 400,
      statusText: 'Bad Request',
    });
    const api = withScorecards({
      previewScorecard: async () => {
        throw refusal;
      },
    });
    await render(page, {
      allowed: true,
      api,
      path: '/dora/scorecards/team-basics',
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await editor();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview (last 12 weeks)' }),
    );
    expect(
      await within(dialog).findByText(
        /scorecard.window: must be a number of days or weeks \(400\)/,
      ),
    ).toBeInTheDocument();
  });

  it('saves a new scorecard with a rule active from a future day, then opens its page (issue 16)', async () => {
    const api = withScorecards({
      createScorecard: async scorecard => ({
        ...apiEntry,
        scorecard: scorecard as any,
        version: 1,
      }),
    });
    await render(page, { allowed: true, api, path: '/dora' });
    await userEvent.click(
      await screen.findByRole('button', { name: 'New scorecard' }),
    );
    const dialog = await editor();
    await userEvent.type(
      within(dialog).getByLabelText('Scorecard id'),
      'fast-flow',
    );
    await userEvent.type(within(dialog).getByLabelText('Title'), 'Fast flow');
    await userEvent.type(within(dialog).getByLabelText('Owner groups'), TEAM);
    await userEvent.type(
      within(dialog).getByLabelText('Rule 1 id'),
      'lead-time',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Rule 1 title'),
      'Lead time under a day',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Rule 1 threshold'),
      '1d',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Rule 1 warn threshold (optional)'),
      '36h',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Rule 1 min sample size'),
      '5',
    );
    // The aggregate of lead time: p90 instead of the median.
    await userEvent.click(within(dialog).getByLabelText('Rule 1 aggregate'));
    await userEvent.click(await screen.findByRole('option', { name: 'p90' }));
    fireEvent.change(
      within(dialog).getByLabelText('Rule 1 active from (optional)'),
      { target: { value: '2026-06-01' } },
    );
    expect(
      within(dialog).getByText('Counts from 2026-06-01'),
    ).toBeInTheDocument();
    const save = within(dialog).getByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toBeEnabled());
    await userEvent.click(save);

    await waitFor(() => expect(api.createScorecard).toHaveBeenCalledTimes(1));
    const sent = api.createScorecard.mock.calls[0][0] as any;
    expect(sent).toEqual({
      id: 'fast-flow',
      title: 'Fast flow',
      window: '30d',
      filter: { kinds: ['Component'], owners: [TEAM] },
      levels: ['bronze', 'silver', 'gold'],
      rules: [
        {
          id: 'lead-time',
          title: 'Lead time under a day',
          metric: 'leadTime.p90',
          operator: '<=',
          threshold: '1d',
          warn: '36h',
          minSampleSize: 5,
          level: 'bronze',
          activeFrom: '2026-06-01T00:00:00Z',
        },
      ],
    });
    // What was sent is what the API accepts.
    expect(parseStagedScorecard(sent).ok).toBe(true);
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/dora/scorecards/fast-flow',
      ),
    );
  });

  it('shows the API’s reason when it refuses to save (issue 16)', async () => {
    const refusal = Object.assign(new Error('Request failed with 409'), {
      name: 'ResponseError',
      response: {},
      body: {},
      cause: new Error('scorecard team-basics was changed since version 2'),
      statusCode: 409,
      statusText: 'Conflict',
    });
    const api = withScorecards({
      updateScorecard: async () => {
        throw refusal;
      },
    });
    await render(page, {
      allowed: true,
      api,
      path: '/dora/scorecards/team-basics',
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await editor();
    expect(within(dialog).getByLabelText('Scorecard id')).toBeDisabled();
    await userEvent.clear(within(dialog).getByLabelText('Title'));
    await userEvent.type(within(dialog).getByLabelText('Title'), 'Basics');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(/was changed since version 2 \(409\)/),
    ).toBeInTheDocument();
    expect(api.updateScorecard).toHaveBeenCalledWith(
      'team-basics',
      expect.objectContaining({ title: 'Basics' }),
    );
  });

  it('saves a manager’s edit as the next version and shows the page with it (issue 16)', async () => {
    let saved = apiEntry;
    const api = withScorecards({
      getScorecards: async () => [configEntry, saved],
      updateScorecard: async (_id, scorecard) => {
        saved = { ...apiEntry, scorecard: scorecard as any, version: 3 };
        return saved;
      },
    });
    await render(page, {
      allowed: true,
      api,
      path: '/dora/scorecards/team-basics',
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await editor();
    const title = within(dialog).getByLabelText('Title');
    await userEvent.clear(title);
    await userEvent.type(title, 'Basics');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByRole('heading', { name: 'Basics' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    const sent = api.updateScorecard.mock.calls[0][1] as any;
    // The staged rule keeps the day it counts from.
    expect(sent.rules[1].activeFrom).toBe('2026-06-01T00:00:00Z');
    // The scope comes back as it was, tags included.
    expect(sent.filter).toEqual(apiEntry.scorecard.filter);
    // The changes are read again for the new version.
    await waitFor(() =>
      expect(api.getScorecardVersions).toHaveBeenCalledTimes(2),
    );
  });

  it('deletes a scorecard after a confirmation and goes back to the overview (issue 16)', async () => {
    const api = withScorecards({ deleteScorecard: async () => undefined });
    await render(page, {
      allowed: true,
      api,
      path: '/dora/scorecards/team-basics',
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await editor();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete scorecard' }),
    );
    expect(api.deleteScorecard).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm delete' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/dora$/),
    );
    expect(api.deleteScorecard).toHaveBeenCalledWith('team-basics');
  });

  it('lists the versions and the audit on the scorecard’s page, older changes on demand (issue 16)', async () => {
    const api = withScorecards();
    await render(page, {
      allowed: false,
      api,
      path: '/dora/scorecards/team-basics',
    });
    const versions = await screen.findByRole('table', {
      name: 'Scorecard versions',
    });
    const rows = within(versions).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('user:default/jdoe')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('user:default/asmith'),
    ).toBeInTheDocument();

    const audit = await screen.findByRole('table', { name: 'Scorecard audit' });
    expect(
      within(audit).getByText(
        `approved exemption ex-1 from lead-time for ${PAYMENTS}`,
      ),
    ).toBeInTheDocument();
    expect(
      within(audit).getByText('updated the scorecard'),
    ).toBeInTheDocument();
    expect(within(audit).queryByText('created the scorecard')).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: 'Load older changes' }),
    );
    expect(
      await within(audit).findByText('created the scorecard'),
    ).toBeInTheDocument();
    expect(api.getScorecardAudit).toHaveBeenLastCalledWith('team-basics', {
      cursor: '2',
    });
    expect(
      screen.queryByRole('button', { name: 'Load older changes' }),
    ).toBeNull();
  });
});

describe('draftProblems', () => {
  it('files each of the API’s problems under the field it names (issue 16)', () => {
    const draft = emptyDraft();
    draft.levels = 'bronze, bronze';
    draft.rules[0].threshold = '24x';
    const { byField } = draftProblems(draft);
    expect(byField.get('levels')?.[0]).toMatch(
      /^levels\[1\]: "bronze" repeats/,
    );
    expect(byField.get('rules[0].threshold')?.[0]).toMatch(
      /^rules\[0\]\.threshold: "24x"/,
    );
    expect(byField.get('id')?.[0]).toMatch(/^id: /);
  });
});
