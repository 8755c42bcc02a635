import { changeEventSchema } from '@dora-metrics/plugin-dora-common';
import { loadFixture } from '../__testUtils__/loadFixture';
import {
  GithubPullCommit,
  GithubPullRequest,
  GithubReview,
  pullRequestToChange,
  revertedPullNumber,
  revertedTitle,
} from '.';

const payments = loadFixture('acme-payments-api');
const pull = (n: number) => payments[`pulls/${n}`] as GithubPullRequest;
const commits = (n: number) =>
  payments[`pulls/${n}/commits`] as GithubPullCommit[];
const reviews = (n: number) => payments[`pulls/${n}/reviews`] as GithubReview[];

describe('pullRequestToChange', () => {
  it('maps a merged pull request with its commits and reviews to a valid change event', () => {
    const event = pullRequestToChange({
      repository: 'acme/payments-api',
      entityRef: 'component:default/payments-api',
      pull: pull(102),
      commits: commits(102),
      reviews: reviews(102),
    });
    expect(event).toEqual({
      kind: 'change',
      source: 'github',
      id: 'acme/payments-api#102',
      entityRef: 'component:default/payments-api',
      repository: 'acme/payments-api',
      number: 102,
      title: 'Speed up ledger queries',
      author: 'erin',
      authorKind: 'human',
      paths: null,
      firstCommitAt: '2026-03-02T08:00:00Z',
      openedAt: '2026-03-02T09:00:00Z',
      firstReviewAt: '2026-03-02T10:00:00Z',
      approvedAt: '2026-03-02T11:00:00Z',
      mergedAt: '2026-03-02T12:00:00Z',
      mergeCommitSha: pull(102).merge_commit_sha,
      additions: 120,
      deletions: 30,
      reviewCount: 3,
      revertOf: null,
      labels: ['performance'],
      url: 'https://github.com/acme/payments-api/pull/102',
    });
    expect(changeEventSchema.safeParse(event).success).toBe(true);
  });

  it('first commit time is the earliest author date, not the later committer date of a rebase', () => {
    const rebased: GithubPullCommit[] = [
      {
        sha: 'b',
        commit: {
          author: { date: '2026-03-01T09:00:00Z' },
          committer: { date: '2026-03-03T09:00:00Z' },
        },
      },
      {
        sha: 'a',
        commit: {
          author: { date: '2026-03-01T07:00:00Z' },
          committer: { date: '2026-03-03T09:00:00Z' },
        },
      },
    ];
    const event = pullRequestToChange({
      repository: 'acme/x',
      pull: pull(101),
      commits: rebased,
    });
    expect(event?.firstCommitAt).toBe('2026-03-01T07:00:00Z');
  });

  it('reviews: only submitted reviews by someone other than the author and not a bot count', () => {
    const author = { login: 'erin', type: 'User' };
    const event = pullRequestToChange({
      repository: 'acme/x',
      pull: { ...pull(102), user: author },
      reviews: [
        {
          id: 1,
          user: author,
          state: 'APPROVED',
          submitted_at: '2026-03-02T09:05:00Z',
        },
        {
          id: 2,
          user: { login: 'ci[bot]', type: 'Bot' },
          state: 'APPROVED',
          submitted_at: '2026-03-02T09:06:00Z',
        },
        { id: 3, user: { login: 'zoe', type: 'User' }, state: 'PENDING' },
        {
          id: 4,
          user: { login: 'carol', type: 'User' },
          state: 'CHANGES_REQUESTED',
          submitted_at: '2026-03-02T09:30:00Z',
        },
        {
          id: 5,
          user: { login: 'carol', type: 'User' },
          state: 'APPROVED',
          submitted_at: '2026-03-02T09:50:00Z',
        },
      ],
    });
    expect(event).toMatchObject({
      firstReviewAt: '2026-03-02T09:30:00Z',
      approvedAt: '2026-03-02T09:50:00Z',
      reviewCount: 2,
    });
  });

  it('a pull request without reviews by others has reviewCount 0; without a review list the review fields are unknown (null)', () => {
    const none = pullRequestToChange({
      repository: 'acme/x',
      pull: pull(101),
      reviews: [],
    });
    expect(none).toMatchObject({
      firstReviewAt: null,
      approvedAt: null,
      reviewCount: 0,
    });
    // e.g. a `pull_request` webhook payload, which carries no commits or reviews
    const unknown = pullRequestToChange({
      repository: 'acme/x',
      pull: pull(101),
    });
    expect(unknown).toMatchObject({
      firstCommitAt: null,
      firstReviewAt: null,
      reviewCount: null,
      additions: 40,
      deletions: 5,
    });
  });

  it('a pull request closed without merge is not a change', () => {
    const closed = (payments.pulls as GithubPullRequest[]).find(
      p => p.number === 103,
    )!;
    expect(
      pullRequestToChange({ repository: 'acme/x', pull: closed }),
    ).toBeNull();
  });

  it('ids are stable and lower-case whatever the case of the repository name', () => {
    const event = pullRequestToChange({
      repository: 'Acme/Payments-API',
      pull: pull(104),
    });
    expect(event?.id).toBe('acme/payments-api#104');
    expect(event?.revertOf).toBe('acme/payments-api#101');
    expect(event?.repository).toBe('Acme/Payments-API');
  });

  it('a caller-resolved reverted number (Revert "title") wins; null means not a revert', () => {
    const plain = { ...pull(102), title: 'Revert "Tune cache"' };
    expect(
      pullRequestToChange({
        repository: 'acme/x',
        pull: plain,
        revertedNumber: 6,
      })?.revertOf,
    ).toBe('acme/x#6');
    expect(
      pullRequestToChange({
        repository: 'acme/x',
        pull: pull(104),
        revertedNumber: null,
      })?.revertOf,
    ).toBeNull();
  });
});

describe('revert detection', () => {
  const base = pull(101);

  it("reads GitHub's revert branch revert-<number>-<branch>", () => {
    expect(
      revertedPullNumber({
        ...base,
        head: { ref: 'revert-481-retry-card-auth' },
      }),
    ).toBe(481);
  });

  it('reads the body GitHub writes: "Reverts owner/repo#<number>"', () => {
    expect(
      revertedPullNumber({
        ...base,
        head: { ref: 'undo' },
        body: 'Reverts acme/payments-api#77\n\nBroke checkout',
      }),
    ).toBe(77);
  });

  it('a branch merely starting with "revert" is not a revert', () => {
    expect(
      revertedPullNumber({
        ...base,
        head: { ref: 'revert-button-styles' },
        body: null,
      }),
    ).toBeUndefined();
  });

  it('reads the reverted title of Revert "..." titles, also of a revert of a revert', () => {
    expect(revertedTitle({ ...base, title: 'Revert "Add card retries"' })).toBe(
      'Add card retries',
    );
    expect(
      revertedTitle({ ...base, title: 'Revert "Revert "Add card retries""' }),
    ).toBe('Revert "Add card retries"');
    expect(
      revertedTitle({ ...base, title: 'Reverting flaky test' }),
    ).toBeUndefined();
  });
});
