import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import {
  MemoryRouter,
  useLocation,
  useNavigate,
  useNavigationType,
} from 'react-router-dom';
import { FIXED_NOW } from '../../__testUtils__/fixtures';
import { viewerTimeZone } from '../format';
import { useDoraWindow } from './useDoraWindow';

const DAY = 86_400_000;

/** The hook at a URL, with the URL it leaves behind. */
function renderAt(url: string, initialDays?: number) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter
      initialEntries={[url]}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      {children}
    </MemoryRouter>
  );
  return renderHook(
    () => ({
      hook: useDoraWindow(initialDays),
      location: useLocation(),
      navigation: useNavigationType(),
      navigate: useNavigate(),
    }),
    { wrapper },
  );
}

const params = (search: string) =>
  Object.fromEntries(new URLSearchParams(search));

describe('useDoraWindow keeps the window in the URL (issue 15, keep the context)', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW);
  });
  afterEach(() => jest.restoreAllMocks());

  it('without params shows the last initialDays days in the viewer timezone', () => {
    const { result } = renderAt('/dora', 90);
    expect(result.current.hook.window).toEqual({
      preset: 90,
      from: FIXED_NOW - 90 * DAY,
      to: FIXED_NOW,
      timezone: viewerTimeZone(),
      bucket: 'week',
    });
  });

  it('reads a preset window from ?window=', () => {
    const { result } = renderAt('/dora?window=7d');
    expect(result.current.hook.window).toMatchObject({
      preset: 7,
      from: FIXED_NOW - 7 * DAY,
      to: FIXED_NOW,
      bucket: 'day',
    });
    expect(result.current.hook.current).toMatchObject({
      from: new Date(FIXED_NOW - 7 * DAY).toISOString(),
      to: new Date(FIXED_NOW).toISOString(),
    });
  });

  it('reads whole days from ?from=&to= in the timezone of ?tz=', () => {
    const { result } = renderAt(
      '/dora?from=2026-01-01&to=2026-03-31&tz=Europe/Berlin',
    );
    expect(result.current.hook.window).toEqual({
      preset: 'custom',
      // Midnight in Berlin: UTC+1 in winter, UTC+2 from March 29.
      from: Date.parse('2025-12-31T23:00:00Z'),
      to: Date.parse('2026-03-31T22:00:00Z'),
      timezone: 'Europe/Berlin',
      bucket: 'week',
    });
  });

  it('reads the bucket from ?bucket= and the timezone from ?tz=', () => {
    const { result } = renderAt('/dora?window=365d&bucket=day&tz=Asia/Tokyo');
    expect(result.current.hook.window).toMatchObject({
      preset: 365,
      bucket: 'day',
      timezone: 'Asia/Tokyo',
    });
  });

  it('writes each change with replace and leaves the other params alone', () => {
    const { result } = renderAt('/dora?tab=teams&window=30d');

    act(() => result.current.hook.setPreset(7));
    expect(result.current.navigation).toBe('REPLACE');
    expect(params(result.current.location.search)).toEqual({
      tab: 'teams',
      window: '7d',
      bucket: 'day',
      tz: viewerTimeZone(),
    });

    act(() => result.current.hook.setCustomRange('2026-03-02', '2026-03-15'));
    expect(params(result.current.location.search)).toEqual({
      tab: 'teams',
      from: '2026-03-02',
      to: '2026-03-15',
      bucket: 'day',
      tz: viewerTimeZone(),
    });

    act(() => result.current.hook.setBucket('month'));
    expect(params(result.current.location.search)).toMatchObject({
      tab: 'teams',
      from: '2026-03-02',
      to: '2026-03-15',
      bucket: 'month',
    });
    expect(result.current.location.pathname).toBe('/dora');
  });

  it('keeps the range shown when switching to a custom range', () => {
    const { result } = renderAt('/dora?window=7d&tz=UTC');
    act(() => result.current.hook.setPreset('custom'));
    expect(params(result.current.location.search)).toMatchObject({
      from: '2026-03-24',
      to: '2026-03-30',
    });
    expect(result.current.hook.window).toMatchObject({
      preset: 'custom',
      from: Date.parse('2026-03-24T00:00:00Z'),
      to: Date.parse('2026-03-31T00:00:00Z'),
    });
  });

  it('ignores a custom range that ends before it starts', () => {
    const { result } = renderAt('/dora?window=90d');
    act(() => result.current.hook.setCustomRange('2026-03-15', '2026-03-02'));
    expect(result.current.location.search).toBe('?window=90d');
    expect(result.current.hook.window.preset).toBe(90);
  });

  type Step = (hook: ReturnType<typeof useDoraWindow>) => void;
  it.each<[string, Step[]]>([
    ['a preset', [hook => hook.setPreset(180)]],
    [
      'a custom range and a bucket',
      [
        hook => hook.setCustomRange('2026-02-01', '2026-02-28'),
        hook => hook.setBucket('day'),
      ],
    ],
  ])('a reload of the written URL shows the same window: %s', (_, steps) => {
    const first = renderAt('/dora?tz=America/New_York');
    steps.forEach(step => act(() => step(first.result.current.hook)));
    const { pathname, search } = first.result.current.location;
    const written = first.result.current.hook.window;
    first.unmount();

    const reloaded = renderAt(`${pathname}${search}`);
    expect(reloaded.result.current.hook.window).toEqual(written);
    expect(written.timezone).toBe('America/New_York');
  });

  it.each([
    'window=45d',
    'window=abc',
    'window=NaNd',
    'window=-7d',
    'window=7',
    'from=2026-02-30&to=2026-03-10',
    'from=2026-03-10&to=2026-03-01',
    'from=2026-03-01',
    'from=yesterday&to=today',
    'bucket=year',
    'tz=Mars/Olympus_Mons',
    'window=&from=&to=&bucket=&tz=',
  ])('junk params fall back to the defaults: ?%s', junk => {
    const { result } = renderAt(`/dora?${junk}`);
    const { window, current, previous } = result.current.hook;
    expect(window).toEqual({
      preset: 30,
      from: FIXED_NOW - 30 * DAY,
      to: FIXED_NOW,
      timezone: viewerTimeZone(),
      bucket: 'week',
    });
    expect(Date.parse(current.from!)).toBe(window.from);
    expect(Date.parse(previous.to!)).toBe(window.from);
  });

  it('does not move the window when another param changes', () => {
    const { result } = renderAt('/dora?window=7d');
    const before = result.current.hook.window;
    jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW + DAY);
    act(() => result.current.navigate('/dora?window=7d&tab=teams'));
    expect(result.current.location.search).toBe('?window=7d&tab=teams');
    expect(result.current.hook.window).toBe(before);
  });
});
