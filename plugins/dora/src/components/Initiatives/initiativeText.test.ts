import { parseInitiative } from '@dora-metrics/plugin-dora-common';
import {
  silverEntry,
  silverInitiative,
  slippingEntry,
} from '../../__testUtils__/initiativeFixtures';
import {
  dateProblems,
  draftOf,
  emptyDraft,
  fieldOf,
  inputOf,
} from './initiativeDraft';
import { daysLeftText, progressText, progressValue } from './initiativeText';

describe('initiative words (issue 16)', () => {
  it('tells progress as paid down and way to target, or how far it slipped', () => {
    expect(progressText(silverEntry.progress)).toBe(
      'paid down 3 of 8 since start, 50 % of the way',
    );
    expect(progressValue(silverEntry.progress)).toBe(50);
    expect(progressText(slippingEntry.progress)).toBe(
      'slipped: 10 % below the start (paid down 0 of 10 since start)',
    );
    expect(progressValue(slippingEntry.progress)).toBe(0);
    expect(
      progressText({ ...silverEntry.progress, start: null, now: null }),
    ).toBe('no week graded since the start yet');
  });

  it('counts the days left, and the days since a passed deadline', () => {
    expect(daysLeftText(1)).toBe('1 day left');
    expect(daysLeftText(0)).toBe('due today');
    expect(daysLeftText(-1)).toBe('deadline passed 1 day ago');
  });
});

describe('initiative form fields (issue 16)', () => {
  it('make back the initiative they were filled from', () => {
    const parsed = parseInitiative(inputOf(draftOf(silverInitiative)));
    expect(parsed).toEqual({ ok: true, initiative: silverInitiative });
  });

  it('put each API problem under its field', () => {
    expect(fieldOf('scope.owners: must be a list of strings')).toBe('owners');
    expect(fieldOf('target: must name a scorecard level')).toBe('target');
    expect(fieldOf('deadline: must be after startsAt (…)')).toBe('deadline');
  });

  it('tell a deadline before the start while other fields are still empty', () => {
    const draft = {
      ...emptyDraft('2026-03-31'),
      deadline: '2026-03-01',
    };
    expect(dateProblems(draft)).toEqual([
      'deadline: must be after startsAt (2026-03-31T00:00:00Z)',
    ]);
  });
});
