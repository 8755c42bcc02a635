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
import { EventsQuery } from '../../../api/types';
import { EventsDialog } from '../EventsDialog';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const query = {
  from: new Date(FIXED_NOW - 30 * DAY).toISOString(),
  to: new Date(FIXED_NOW).toISOString(),
  timezone: 'UTC',
};

describe('the drill-down’s download', () => {
  let saved: SavedFile[];
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
    saved = captureDownloads();
  });
  afterEach(() => jest.restoreAllMocks());

  it('downloads every page of the current filter, not only the rows loaded', async () => {
    const fake = createFakeDoraApi();
    // A backend whose pages hold at most 7 events: the download must page.
    const api = createFakeDoraApi({
      getEvents: jest.fn((q: EventsQuery) =>
        fake.getEvents({ ...q, limit: Math.min(q.limit ?? 100, 7) }),
      ),
    });
    await renderDora(
      <EventsDialog
        view={{ kind: 'deployment', show: 'all', order: 'oldest' }}
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
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    const loads = api.getEvents.mock.calls.length;

    await userEvent.click(
      within(dialog).getByRole('button', {
        name: 'Download deployments as CSV',
      }),
    );
    await waitFor(() => expect(saved).toHaveLength(1));

    const expected = await fake.getEvents({
      ...query,
      entityRef: PAYMENTS,
      kind: 'deployment',
      show: 'all',
      order: 'oldest',
      limit: 100_000,
    });
    expect(expected.items.length).toBeGreaterThan(7);
    const records = csvRecords(await saved[0].text);
    expect(records.map(r => r.id)).toEqual(
      expected.items.map(item => item.event.id),
    );
    expect(records.map(r => r.finished_at)).toEqual(
      expected.items.map(item => (item.event as any).finishedAt),
    );
    expect(saved[0].name).toBe('dora-deployments-payments-api-2026-03-31.csv');
    const downloads = api.getEvents.mock.calls.slice(loads).map(([q]) => q);
    expect(downloads).toHaveLength(Math.ceil(expected.items.length / 7));
    for (const q of downloads) {
      expect(q).toMatchObject({
        entityRef: PAYMENTS,
        kind: 'deployment',
        show: 'all',
        order: 'oldest',
        limit: 500,
        from: query.from,
        to: query.to,
      });
    }
    expect(
      await within(dialog).findByText(
        `Downloaded all ${expected.items.length} matching deployments.`,
      ),
    ).toBeInTheDocument();
  });
});
