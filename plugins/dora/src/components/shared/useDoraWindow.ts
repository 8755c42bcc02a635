import { Bucket } from '@dora-metrics/plugin-dora-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  customWindow,
  DoraWindow,
  presetWindow,
  windowQueries,
  WindowPreset,
} from './doraWindow';
import {
  nextTimezone,
  readWindow,
  WINDOW_PARAMS,
  writeWindow,
} from './windowParams';

export {
  defaultBucket,
  WINDOW_PRESETS,
  windowDays,
  windowQueries,
} from './doraWindow';
export type { DoraWindow, WindowPreset } from './doraWindow';

/**
 * The state of the window picker: a preset length ending now or a custom
 * range of days, in a timezone, and the chart bucket. It lives in the URL's
 * search params (see windowParams.ts), so a reload or a shared link shows
 * the same view.
 */
export function useDoraWindow(initialDays: number = 30) {
  const [searchParams, setSearchParams] = useSearchParams();
  // Keyed on the window's own params only: another param changing must not
  // move "now" and refetch.
  const own = new URLSearchParams();
  WINDOW_PARAMS.forEach(name => {
    const value = searchParams.get(name);
    if (value !== null) own.set(name, value);
  });
  const key = own.toString();
  const window = useMemo(
    () => readWindow(new URLSearchParams(key), initialDays),
    [key, initialDays],
  );

  // `replace`: changing the window is not a step the back button should undo.
  const write = useCallback(
    (next: DoraWindow) =>
      setSearchParams(current => writeWindow(next, current), {
        replace: true,
      }),
    [setSearchParams],
  );

  const setPreset = useCallback(
    (preset: WindowPreset) =>
      write(
        preset === 'custom'
          ? { ...window, preset }
          : presetWindow(preset, window.timezone),
      ),
    [window, write],
  );

  /** Whole days in the window's timezone, `to` inclusive. */
  const setCustomRange = useCallback(
    (fromDay: string, toDay: string) => {
      const next = customWindow(fromDay, toDay, window.timezone);
      if (next) write(next);
    },
    [window, write],
  );

  const setBucket = useCallback(
    (bucket: Bucket) => write({ ...window, bucket }),
    [window, write],
  );

  /**
   * Another timezone: a preset still ends now; a custom range keeps its days,
   * read in the new zone. The bucket is kept.
   */
  const setTimezone = useCallback(
    (timezone: string) => {
      const next = nextTimezone(window, timezone);
      if (next) write(next);
    },
    [window, write],
  );

  const queries = useMemo(() => windowQueries(window), [window]);

  return {
    window,
    setPreset,
    setCustomRange,
    setBucket,
    setTimezone,
    ...queries,
  };
}
