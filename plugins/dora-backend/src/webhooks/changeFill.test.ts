import { change } from '../__testUtils__/events';
import { keepKnownChangeFields } from './changeFill';

type Change = Extract<ReturnType<typeof change>, { kind: 'change' }>;

describe('keepKnownChangeFields (a webhook fills in, never erases)', () => {
  const stored = change('c1', '2024-05-02T09:00:00Z', {
    firstCommitAt: '2024-05-01T08:00:00Z',
    firstReviewAt: '2024-05-01T11:00:00Z',
    reviewCount: 2,
    title: 'Old title',
  }) as Change;

  it('keeps stored fields the delivery leaves empty, and takes what it knows', () => {
    const delivered = change('c1', '2024-05-02T09:00:00Z', {
      firstCommitAt: null,
      firstReviewAt: null,
      reviewCount: null,
      title: 'New title',
      additions: 10,
    }) as Change;
    expect(keepKnownChangeFields(delivered, stored)).toMatchObject({
      firstCommitAt: '2024-05-01T08:00:00Z',
      firstReviewAt: '2024-05-01T11:00:00Z',
      reviewCount: 2,
      title: 'New title',
      additions: 10,
    });
  });

  it('takes the delivery as it is when nothing is stored', () => {
    const delivered = change('c1', '2024-05-02T09:00:00Z') as Change;
    expect(keepKnownChangeFields(delivered, undefined)).toBe(delivered);
  });
});
