import { DrillDownTotals } from '@dora-metrics/plugin-dora-common';
import { readDrillDown, writeDrillDown } from './drillDownParams';
import { totalsText } from './DrillDownSummary';
import { drillDownTitle, plural, tileDrillDown } from './tileDrillDown';

const read = (search: string, team = false) =>
  readDrillDown(new URLSearchParams(search), { team });

describe('the drill-down in the URL (reload or share the same list)', () => {
  it('is closed without ?events= or with an unknown kind', () => {
    expect(read('window=30d')).toBeUndefined();
    expect(read('events=commit')).toBeUndefined();
  });

  it('reads every filter and the order', () => {
    expect(
      read(
        'events=deployment&show=failed&env=production&service=component:default/a&order=oldest&ids=d1,d2',
        true,
      ),
    ).toEqual({
      kind: 'deployment',
      show: 'failed',
      environment: 'production',
      service: 'component:default/a',
      order: 'oldest',
      ids: ['d1', 'd2'],
    });
  });

  it('opens newest first and shows all when the URL does not say', () => {
    expect(read('events=incident')).toEqual({
      kind: 'incident',
      show: 'all',
      order: 'newest',
    });
  });

  it('drops what the kind or page does not have: failed and env off deployments, service off a team, junk values', () => {
    expect(
      read('events=change&show=failed&env=prod&service=x&order=up'),
    ).toEqual({ kind: 'change', show: 'all', order: 'newest' });
    expect(read('events=deployment&service=x&show=nope')).toEqual({
      kind: 'deployment',
      show: 'all',
      order: 'newest',
    });
  });

  it('keeps at most 100 ids and drops empty ones', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `d${i}`);
    const view = read(`events=deployment&ids=,${ids.join(',')},,`);
    expect(view?.ids).toHaveLength(100);
    expect(view?.ids?.[0]).toBe('d0');
  });

  it('writes its own params and keeps the page’s others; closing removes them', () => {
    const params = new URLSearchParams('window=90d&tz=UTC&events=change&ids=x');
    const written = writeDrillDown(
      {
        kind: 'deployment',
        show: 'failed',
        order: 'oldest',
        environment: 'production',
      },
      params,
    );
    expect(Object.fromEntries(written)).toEqual({
      window: '90d',
      tz: 'UTC',
      events: 'deployment',
      show: 'failed',
      env: 'production',
      order: 'oldest',
    });
    expect(Object.fromEntries(writeDrillDown(undefined, written))).toEqual({
      window: '90d',
      tz: 'UTC',
    });
    // The argument is not changed.
    expect(params.get('events')).toBe('change');
  });

  it('round-trips: what is written reads back the same', () => {
    const view = {
      kind: 'deployment' as const,
      show: 'counted' as const,
      order: 'newest' as const,
      service: 'component:default/payments-api',
      ids: ['a', 'b'],
    };
    expect(
      readDrillDown(writeDrillDown(view, new URLSearchParams()), {
        team: true,
      }),
    ).toEqual(view);
  });
});

describe('each tile opens what its number counted', () => {
  it.each([
    ['deploymentFrequency', 'deployment', 'counted'],
    ['changeFailureRate', 'deployment', 'failed'],
    ['leadTime', 'change', 'counted'],
    ['timeToRestore', 'incident', 'counted'],
  ] as const)('%s → %s, show=%s, newest first', (tile, kind, show) => {
    expect(tileDrillDown(tile)).toEqual({ kind, show, order: 'newest' });
  });

  it('titles the list after the tile, or after what it holds', () => {
    expect(drillDownTitle(tileDrillDown('changeFailureRate'))).toBe(
      'Change failure rate: the failed deployments',
    );
    expect(drillDownTitle(tileDrillDown('leadTime'))).toBe(
      'Lead time for changes: the changes behind it',
    );
    expect(
      drillDownTitle({ kind: 'incident', show: 'all', order: 'newest' }),
    ).toBe('All incidents');
    expect(
      drillDownTitle({
        kind: 'change',
        show: 'all',
        order: 'newest',
        ids: ['a'],
      }),
    ).toBe('Changes linked');
  });
});

describe('the totals line is plural-correct', () => {
  const totals = (events: number, counted: number): DrillDownTotals => ({
    events,
    counted,
    failed: null,
    inChangeFailureRate: null,
    environments: [],
    entities: [],
  });

  it('says 1 incident, 2 incidents, 0 incidents', () => {
    expect(plural(1, 'incident')).toBe('1 incident');
    expect(plural(2, 'incident')).toBe('2 incidents');
    expect(plural(0, 'change')).toBe('0 changes');
    expect(totalsText('incident', totals(1, 1))).toBe(
      '1 incident, 1 resolved in the window',
    );
    expect(totalsText('change', totals(2, 1))).toBe(
      '2 changes, 1 behind the lead time',
    );
  });

  it('states counted of all deployments, failed, and the change failure rate’s denominator', () => {
    expect(
      totalsText('deployment', {
        ...totals(408, 143),
        failed: 8,
        inChangeFailureRate: 150,
      }),
    ).toBe(
      '143 counted of 408 deployments, 8 failed (of 150 in the change failure rate)',
    );
    expect(
      totalsText('deployment', {
        ...totals(1, 1),
        failed: 0,
        inChangeFailureRate: 1,
      }),
    ).toBe(
      '1 counted of 1 deployment, 0 failed (of 1 in the change failure rate)',
    );
  });
});
