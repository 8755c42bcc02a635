import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeDoraApi,
  FIXED_NOW,
  PAYMENTS,
} from '../../../__testUtils__/fixtures';
import {
  captureDownloads,
  csvRecords,
  SavedFile,
} from '../../../__testUtils__/downloads';
import { renderDora } from '../../../__testUtils__/render';
import { DoraEventItem, EventsQuery } from '../../../api/types';
import { EventsDialog } from '../EventsDialog';

/**
 * Issue 18: a change that exclusion rules leave out is listed with a
 * visible marker naming why, and the CSV of the drill-down says why too.
 */

jest.setTimeout(60_000);

const DAY = 86_400_000;
const REASON = 'bot author dependabot[bot]';
const query = {
  from: new Date(FIXED_NOW - 30 * DAY).toISOString(),
  to: new Date(FIXED_NOW).toISOString(),
  timezone: 'UTC',
};

describe('an excluded change in the drill-down', () => {
  let saved: SavedFile[];
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
    saved = captureDownloads();
  });
  afterEach(() => jest.restoreAllMocks());

  /** The fake backend, with its first change excluded as a bot's. */
  function apiWithExcludedChange() {
    const fake = createFakeDoraApi();
    return createFakeDoraApi({
      getEvents: jest.fn(async (q: EventsQuery) => {
        const page = await fake.getEvents(q);
        return {
          ...page,
          items: page.items.map((item, i) =>
            i === 0 && !q.cursor && item.event.kind === 'change'
              ? ({
                  ...item,
                  counting: { ...item.counting, excluded: REASON },
                } as DoraEventItem)
              : item,
          ),
        };
      }),
    });
  }

  it('shows "excluded: <reason>" on its row only and exports it in the excluded column', async () => {
    const api = apiWithExcludedChange();
    await renderDora(
      <EventsDialog
        view={{ kind: 'change', show: 'all', order: 'oldest' }}
        onViewChange={() => {}}
        onClose={() => {}}
        entityRef={PAYMENTS}
        query={query}
        timezone="UTC"
        pageSize={5}
      />,
      { api },
    );
    const dialog = await screen.findByRole('dialog');
    const table = await within(dialog).findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(1);
    expect(
      within(rows[0]).getByText(`excluded: ${REASON}`),
    ).toBeInTheDocument();
    for (const row of rows.slice(1)) {
      expect(within(row).queryByText(/^excluded:/)).toBeNull();
    }

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Download changes as CSV' }),
    );
    await waitFor(() => expect(saved).toHaveLength(1));
    const records = csvRecords(await saved[0].text);
    expect(records.length).toBeGreaterThan(1);
    expect(records[0].excluded).toBe(REASON);
    expect(records.slice(1).every(r => r.excluded === '')).toBe(true);
  });
});
