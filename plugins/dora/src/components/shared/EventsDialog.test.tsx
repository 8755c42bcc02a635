import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import {
  drillDownPage,
  createDrillDownApi,
} from '../../__testUtils__/drillDownFake';
import {
  CHECKOUT,
  createFakeDoraApi,
  FIXED_NOW,
  PAYMENTS,
  TEAM,
} from '../../__testUtils__/fixtures';
import { renderDora } from '../../__testUtils__/render';
import { totalsText } from './drillDown/DrillDownSummary';
import { useDrillDownParams } from './drillDown/useDrillDownParams';
import { EventsDialog } from './EventsDialog';

const DAY = 86_400_000;
const query = {
  from: new Date(FIXED_NOW - 30 * DAY).toISOString(),
  to: new Date(FIXED_NOW).toISOString(),
  timezone: 'UTC',
};

// Charts, tables and the engine behind the fake API are slow on 2 cores.
jest.setTimeout(30_000);

/** The dialog as the dashboard mounts it: its view in the URL, the URL shown. */
function DrillDown(props: {
  entityRef?: string;
  groupRef?: string;
  pageSize?: number;
}) {
  const { view, setView } = useDrillDownParams({
    team: props.groupRef !== undefined,
  });
  const location = useLocation();
  return (
    <>
      <output data-testid="search">{location.search}</output>
      {view && (
        <EventsDialog
          view={view}
          onViewChange={setView}
          onClose={() => setView(undefined)}
          entityRef={props.entityRef}
          groupRef={props.groupRef}
          query={query}
          timezone="UTC"
          pageSize={props.pageSize}
        />
      )}
    </>
  );
}

async function openAt(
  search: string,
  props: Parameters<typeof DrillDown>[0] = { entityRef: PAYMENTS },
) {
  const api = createDrillDownApi();
  await renderDora(<DrillDown {...props} />, {
    api,
    routeEntries: [`/dora?${search}`],
  });
  const dialog = await screen.findByRole('dialog');
  return { api, dialog };
}

const urlParams = () =>
  Object.fromEntries(
    new URLSearchParams(screen.getByTestId('search').textContent!),
  );

const rowsOf = (dialog: HTMLElement) =>
  within(within(dialog).getByRole('table')).getAllByRole('row').slice(1);

const expected = (q: Parameters<typeof drillDownPage>[0]) =>
  drillDownPage({ ...query, ...q });

describe('EventsDialog', () => {
  it('opens with the kind’s totals and keeps them while paging "showing N of M matching"', async () => {
    const { dialog } = await openAt('events=deployment&show=counted', {
      entityRef: PAYMENTS,
      pageSize: 10,
    });
    const { totals, matching } = expected({
      entityRef: PAYMENTS,
      kind: 'deployment',
      show: 'counted',
    });
    // The fixture has staging deployments (not counted) and failed ones.
    expect(totals!.counted).toBeLessThan(totals!.events);
    expect(totals!.failed).toBeGreaterThan(0);
    expect(matching).toBeGreaterThan(10);
    const line = `${totals!.counted} counted of ${totals!.events} deployments, ${totals!.failed} failed (of ${totals!.inChangeFailureRate} in the change failure rate)`;
    expect(await within(dialog).findByText(line)).toBeInTheDocument();
    expect(
      within(dialog).getByText(`Showing 10 of ${matching} matching`),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Load more' }),
    );
    const shown = Math.min(20, matching!);
    expect(
      await within(dialog).findByText(
        `Showing ${shown} of ${matching} matching`,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(line)).toBeInTheDocument();
    expect(rowsOf(dialog)).toHaveLength(shown);
  });

  it('pages with "Load more" until the last page (backend without totals)', async () => {
    const { api } = await renderDora(
      <EventsDialog
        view={{ kind: 'deployment', show: 'all', order: 'oldest' }}
        onViewChange={() => {}}
        onClose={() => {}}
        entityRef={PAYMENTS}
        query={query}
        timezone="UTC"
        pageSize={10}
      />,
      { api: createFakeDoraApi() },
    );
    const dialog = await screen.findByRole('dialog');
    const table = await within(dialog).findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    while (within(dialog).queryByRole('button', { name: 'Load more' })) {
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Load more' }),
      );
      await waitFor(() => expect(screen.queryByTestId('progress')).toBeNull());
    }
    expect(api.getEvents).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 10, order: 'oldest', show: 'all' }),
    );
    expect(within(table).getAllByRole('row').length - 1).toBeGreaterThan(20);
    expect(within(dialog).queryByText(/^Showing/)).toBeNull();
  });

  it('switching what is shown and the order refetches with those params and writes them to the URL', async () => {
    const { api, dialog } = await openAt(
      'events=deployment&show=counted&window=30d',
    );
    await within(dialog).findByRole('table');
    expect(api.getEvents).toHaveBeenCalledTimes(1);
    expect(api.getEvents).toHaveBeenLastCalledWith(
      expect.objectContaining({
        kind: 'deployment',
        show: 'counted',
        order: 'newest',
      }),
    );

    await userEvent.selectOptions(
      within(dialog).getByLabelText('Show'),
      'failed',
    );
    await waitFor(() =>
      expect(api.getEvents).toHaveBeenLastCalledWith(
        expect.objectContaining({ show: 'failed', cursor: undefined }),
      ),
    );
    const failed = expected({
      entityRef: PAYMENTS,
      kind: 'deployment',
      show: 'failed',
    });
    await waitFor(() => expect(rowsOf(dialog)).toHaveLength(failed.matching!));
    rowsOf(dialog).forEach(row =>
      expect(within(row).getByText('Failed change')).toBeInTheDocument(),
    );
    expect(urlParams()).toEqual({
      window: '30d',
      events: 'deployment',
      show: 'failed',
    });
    expect(
      within(dialog).getByText('Change failure rate: the failed deployments'),
    ).toBeInTheDocument();

    const newestFirst = rowsOf(dialog).map(r => r.textContent);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Finished' }),
    );
    await waitFor(() =>
      expect(api.getEvents).toHaveBeenLastCalledWith(
        expect.objectContaining({ show: 'failed', order: 'oldest' }),
      ),
    );
    await waitFor(() =>
      expect(rowsOf(dialog).map(r => r.textContent)).toEqual(
        [...newestFirst].reverse(),
      ),
    );
    expect(urlParams()).toMatchObject({ order: 'oldest' });
    expect(within(dialog).getByLabelText('Order')).toHaveValue('oldest');
  });

  it('filters deployments by environment, with each environment’s count', async () => {
    const { api, dialog } = await openAt('events=deployment&show=all');
    const select = await within(dialog).findByLabelText('Environment');
    const { totals } = expected({ entityRef: PAYMENTS, kind: 'deployment' });
    const staging = totals!.environments.find(
      e => e.environment === 'staging',
    )!;
    expect(
      within(select).getByRole('option', {
        name: `staging (${staging.events})`,
      }),
    ).toBeInTheDocument();
    await userEvent.selectOptions(select, 'staging');
    await waitFor(() =>
      expect(api.getEvents).toHaveBeenLastCalledWith(
        expect.objectContaining({ environment: 'staging' }),
      ),
    );
    await waitFor(() => expect(rowsOf(dialog)).toHaveLength(staging.events));
    expect(
      within(dialog).getAllByText('Not a production environment: not counted'),
    ).toHaveLength(staging.events);
    expect(urlParams()).toMatchObject({ env: 'staging' });
  });

  it('on a team, names each row’s service and filters by one of the team’s services', async () => {
    const { api, dialog } = await openAt('events=deployment&show=all', {
      groupRef: TEAM,
    });
    const table = await within(dialog).findByRole('table');
    expect(within(table).getByText('Service')).toBeInTheDocument();
    expect(
      within(table).getAllByRole('link', { name: /payments-api/ }).length,
    ).toBeGreaterThan(0);
    const select = within(dialog).getByLabelText('Service');
    const { totals } = expected({ groupRef: TEAM, kind: 'deployment' });
    const checkout = totals!.entities.find(e => e.entityRef === CHECKOUT)!;
    await userEvent.selectOptions(
      select,
      within(select).getByRole('option', {
        name: `checkout-web (${checkout.events})`,
      }),
    );
    await waitFor(() =>
      expect(api.getEvents).toHaveBeenLastCalledWith(
        expect.objectContaining({ groupRef: TEAM, service: CHECKOUT }),
      ),
    );
    await waitFor(() => expect(rowsOf(dialog)).toHaveLength(checkout.events));
    expect(
      within(dialog).queryAllByRole('link', { name: /payments-api/ }),
    ).toHaveLength(0);
    expect(urlParams()).toMatchObject({ service: CHECKOUT });
  });

  it('has no service filter on a service’s own page, even if the URL names one', async () => {
    const { api, dialog } = await openAt(
      `events=change&show=counted&service=${CHECKOUT}`,
    );
    await within(dialog).findByRole('table');
    expect(within(dialog).queryByLabelText('Service')).toBeNull();
    expect(api.getEvents).toHaveBeenCalledWith(
      expect.objectContaining({ service: undefined }),
    );
  });

  it('links changes, deployments and incidents to their source in a new tab, when they carry a link', async () => {
    const { dialog } = await openAt('events=change&show=counted');
    await within(dialog).findByRole('table');
    const [pr] = within(dialog).getAllByRole('link', {
      name: /^#\d+ Change \d+ of payments$/,
    });
    expect(pr.getAttribute('href')).toMatch(
      /^https:\/\/github\.com\/acme\/payments\/pull\/\d+$/,
    );
    expect(pr).toHaveAttribute('target', '_blank');
    expect(pr).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('links a production deployment to its run, a staging one (no link carried) to nothing', async () => {
    const { dialog } = await openAt('events=deployment&show=all');
    await within(dialog).findByRole('table');
    const production = within(dialog).getAllByRole('link', {
      name: /^deploy-payments-\d+$/,
    });
    expect(production.length).toBeGreaterThan(0);
    expect(production[0].getAttribute('href')).toMatch(
      /^https:\/\/github\.com\/acme\/runs\/deploy-payments-\d+$/,
    );
    const staging = within(dialog).getAllByText(
      /^deploy-payments-\d+-staging$/,
    );
    expect(staging.length).toBeGreaterThan(0);
    staging.forEach(id => expect(id.closest('a')).toBeNull());
  });

  it('follows an incident to the deployment it failed, to the changes it shipped, and back', async () => {
    const { api, dialog } = await openAt('events=incident&show=counted');
    await within(dialog).findByRole('table');
    const incident = rowsOf(dialog)[0];
    expect(
      within(incident).getByRole('link', {
        name: /^Errors after deploy-payments-/,
      }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(/^https:\/\/acme\.pagerduty\.com\/incidents\/INC-/),
    );
    const toDeployment = within(incident).getByRole('button', {
      name: /^Show deployment deploy-payments-\d+$/,
    });
    const deploymentId = toDeployment.textContent!;
    await userEvent.click(toDeployment);

    await waitFor(() =>
      expect(api.getEvents).toHaveBeenLastCalledWith(
        expect.objectContaining({
          kind: 'deployment',
          ids: [deploymentId],
          show: 'all',
        }),
      ),
    );
    expect(
      await within(dialog).findByText('Deployments linked'),
    ).toBeInTheDocument();
    await waitFor(() => expect(rowsOf(dialog)).toHaveLength(1));
    expect(urlParams()).toEqual({
      events: 'deployment',
      show: 'all',
      ids: deploymentId,
    });
    const deployment = rowsOf(dialog)[0];
    expect(within(deployment).getByText(deploymentId)).toBeInTheDocument();
    const shipped = expected({
      entityRef: PAYMENTS,
      kind: 'deployment',
      ids: [deploymentId],
    }).items[0].counting as { shippedChangeIds: string[] };
    expect(shipped.shippedChangeIds.length).toBeGreaterThan(0);
    const toChanges =
      shipped.shippedChangeIds.length > 1
        ? within(deployment).getByRole('button', {
            name: `Show these ${shipped.shippedChangeIds.length} changes`,
          })
        : within(deployment).getByRole('button', {
            name: `Show change ${shipped.shippedChangeIds[0]}`,
          });
    await userEvent.click(toChanges);

    await waitFor(() =>
      expect(api.getEvents).toHaveBeenLastCalledWith(
        expect.objectContaining({
          kind: 'change',
          ids: shipped.shippedChangeIds,
        }),
      ),
    );
    expect(
      await within(dialog).findByText('Changes linked'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(rowsOf(dialog)).toHaveLength(shipped.shippedChangeIds.length),
    );
    // Each change says it was shipped by that deployment.
    rowsOf(dialog).forEach(row =>
      expect(
        within(row).getByRole('button', {
          name: `Show deployment ${deploymentId}`,
        }),
      ).toBeInTheDocument(),
    );

    await userEvent.click(
      within(dialog).getByRole('button', {
        name: 'Back to deployments linked',
      }),
    );
    await waitFor(() =>
      expect(urlParams()).toMatchObject({ ids: deploymentId }),
    );
    await within(dialog).findByText('Deployments linked');
    await userEvent.click(
      within(dialog).getByRole('button', {
        name: 'Back to time to restore service: the incidents behind it',
      }),
    );
    await waitFor(() =>
      expect(urlParams()).toEqual({ events: 'incident', show: 'counted' }),
    );
    expect(
      await within(dialog).findByText(
        'Time to restore service: the incidents behind it',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('button', { name: /^Back to/ }),
    ).toBeNull();
  });

  it('reopens the same list from a shared link, and closing keeps the page’s other params', async () => {
    const { api, dialog } = await openAt(
      'window=90d&events=deployment&show=failed&env=production&order=oldest',
    );
    await within(dialog).findByRole('table');
    expect(api.getEvents).toHaveBeenCalledTimes(1);
    expect(api.getEvents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: PAYMENTS,
        kind: 'deployment',
        show: 'failed',
        environment: 'production',
        order: 'oldest',
      }),
    );
    expect(within(dialog).getByLabelText('Show')).toHaveValue('failed');
    expect(within(dialog).getByLabelText('Environment')).toHaveValue(
      'production',
    );
    expect(within(dialog).getByLabelText('Order')).toHaveValue('oldest');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(urlParams()).toEqual({ window: '90d' });
  });

  it('a shared link with ids offers the whole list instead of a way back', async () => {
    const { dialog } = await openAt('events=incident&show=all&ids=nope');
    expect(
      await within(dialog).findByText('No incidents match.'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Show all incidents' }),
    );
    await within(dialog).findByRole('table');
    expect(urlParams()).toEqual({ events: 'incident', show: 'all' });
  });

  it('states the incidents plural-correct', async () => {
    const { dialog } = await openAt('events=incident&show=counted');
    const { totals } = expected({ entityRef: PAYMENTS, kind: 'incident' });
    expect(totals!.events).toBe(2);
    expect(
      await within(dialog).findByText(totalsText('incident', totals!)),
    ).toHaveTextContent(/^2 incidents, 2 resolved in the window$/);
  });

  it('on a phone-sized screen fills it, and the table scrolls sideways inside', async () => {
    const matchMedia = window.matchMedia;
    // Every media query matches: the theme's "xs and down" too.
    window.matchMedia = ((media: string) => ({
      matches: true,
      media,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    })) as typeof window.matchMedia;
    try {
      const { dialog } = await openAt('events=deployment&show=counted');
      const table = await within(dialog).findByRole('table');
      expect(dialog).toHaveClass('MuiDialog-paperFullScreen');
      expect(table.parentElement).toHaveStyle({ overflowX: 'auto' });
    } finally {
      window.matchMedia = matchMedia;
    }
  });

  it('says so when there is no event of the kind in the window', async () => {
    await renderDora(
      <EventsDialog
        view={{ kind: 'incident', show: 'all', order: 'newest' }}
        onViewChange={() => {}}
        onClose={() => {}}
        entityRef={PAYMENTS}
        query={{
          ...query,
          from: '2020-01-01T00:00:00Z',
          to: '2020-02-01T00:00:00Z',
        }}
        timezone="UTC"
      />,
      { api: createDrillDownApi() },
    );
    expect(
      await screen.findByText('No incidents in this window.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('0 incidents, 0 resolved in the window'),
    ).toBeInTheDocument();
  });
});
