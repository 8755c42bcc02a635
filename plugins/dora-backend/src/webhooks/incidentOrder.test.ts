import { incident } from '../__testUtils__/events';
import { keepLatestResolution } from './incidentOrder';

type Incident = Extract<ReturnType<typeof incident>, { kind: 'incident' }>;
const opened = '2024-05-02T10:00:00Z';
const at = (iso: string) => Date.parse(iso);
const open = incident('i1', opened, null) as Incident;
const resolvedAt = (iso: string) => incident('i1', opened, iso) as Incident;

describe('keepLatestResolution (out-of-order deliveries)', () => {
  it('applies any delivery when nothing resolved is stored', () => {
    expect(keepLatestResolution({ event: open }, undefined)).toBe(open);
    expect(keepLatestResolution({ event: open }, open)).toBe(open);
  });

  it('keeps the resolution when an open state observed before it arrives late', () => {
    const stored = resolvedAt('2024-05-02T11:00:00Z');
    const late = keepLatestResolution(
      { event: open, observedAt: at('2024-05-02T10:00:00Z') },
      stored,
    );
    expect(late.resolvedAt).toBe('2024-05-02T11:00:00Z');
  });

  it('keeps the resolution when the open delivery does not say when it was observed', () => {
    const stored = resolvedAt('2024-05-02T11:00:00Z');
    expect(keepLatestResolution({ event: open }, stored).resolvedAt).toBe(
      '2024-05-02T11:00:00Z',
    );
  });

  it('reopens when the open state was observed after the resolution', () => {
    const stored = resolvedAt('2024-05-02T11:00:00Z');
    const reopened = keepLatestResolution(
      { event: open, observedAt: at('2024-05-02T11:30:00Z') },
      stored,
    );
    expect(reopened.resolvedAt).toBeNull();
  });

  it('keeps the later of two resolutions', () => {
    const later = resolvedAt('2024-05-02T12:00:00Z');
    const earlier = resolvedAt('2024-05-02T11:00:00Z');
    expect(keepLatestResolution({ event: earlier }, later).resolvedAt).toBe(
      '2024-05-02T12:00:00Z',
    );
    expect(keepLatestResolution({ event: later }, earlier).resolvedAt).toBe(
      '2024-05-02T12:00:00Z',
    );
  });
});
