import { FIXED_NOW } from '../../__testUtils__/fixtures';
import { customWindow, presetWindow } from './doraWindow';
import { nextTimezone, timeZoneChoices } from './windowParams';

const DAY = 86_400_000;

describe('timezone picker choices', () => {
  it('lists the browser’s zone first, then UTC, then the IANA zones once each', () => {
    const zones = timeZoneChoices('Asia/Tokyo', 'Europe/Berlin');
    expect(zones.slice(0, 2)).toEqual(['Europe/Berlin', 'UTC']);
    expect(zones).toContain('Asia/Tokyo');
    expect(zones).toContain('America/New_York');
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('keeps the zone in use even when the list does not have it', () => {
    expect(timeZoneChoices('Etc/GMT+5', 'UTC')).toContain('Etc/GMT+5');
  });

  it('lists common zones when the browser cannot list its own', () => {
    const intl = Intl as { supportedValuesOf?: unknown };
    const original = intl.supportedValuesOf;
    delete intl.supportedValuesOf;
    try {
      const zones = timeZoneChoices('UTC', 'Europe/Berlin');
      expect(zones[0]).toBe('Europe/Berlin');
      expect(zones).toContain('Asia/Tokyo');
      expect(zones.length).toBeLessThan(30);
    } finally {
      intl.supportedValuesOf = original;
    }
  });
});

describe('nextTimezone: the window in another zone', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FIXED_NOW));
  afterEach(() => jest.restoreAllMocks());

  it('a preset still ends now and keeps its bucket', () => {
    const next = nextTimezone(
      presetWindow(30, 'UTC', 'day'),
      'America/New_York',
    );
    expect(next).toEqual({
      preset: 30,
      from: FIXED_NOW - 30 * DAY,
      to: FIXED_NOW,
      timezone: 'America/New_York',
      bucket: 'day',
    });
  });

  it('a custom range keeps its days, from midnight in the new zone', () => {
    const berlin = customWindow('2026-03-02', '2026-03-15', 'Europe/Berlin')!;
    const next = nextTimezone(berlin, 'Asia/Tokyo')!;
    expect(new Date(next.from).toISOString()).toBe('2026-03-01T15:00:00.000Z');
    expect(new Date(next.to).toISOString()).toBe('2026-03-15T15:00:00.000Z');
    expect(next.bucket).toBe(berlin.bucket);
  });

  it('refuses a zone that is not an IANA name', () => {
    expect(
      nextTimezone(presetWindow(30, 'UTC'), 'Mars/Olympus'),
    ).toBeUndefined();
  });
});
