import { authorKindOf } from './authorKind';
import { deploymentToDeployment, gitlabOutcome } from './deployments';
import { mergeRequestToChange, revertedTitle } from './mergeRequests';
import { changePaths, changedFiles, diffLineCounts } from './paths';
import { summarizeNotes } from './reviews';
import { webhookInstant } from './webhookTimes';
import { jobEnvironment } from '../config';
import {
  parseNamePattern,
  NamePattern,
} from '@dora-metrics/plugin-dora-common';

const pattern = (text: string) => parseNamePattern(text) as NamePattern;
const note = (username: string, body: string, at: string, system = false) => ({
  id: 1,
  body,
  author: { username },
  created_at: at,
  system,
});

describe('GitLab mapping', () => {
  it('authorKind: GitLab bot users (flag, project/group token users, [bot], -bot) are bots; others are human', () => {
    expect(authorKindOf({ username: 'project_42_bot_1a2b3c' })).toBe('bot');
    expect(authorKindOf({ username: 'group_7_bot' })).toBe('bot');
    expect(authorKindOf({ username: 'renovate[bot]' })).toBe('bot');
    expect(authorKindOf({ username: 'release-bot' })).toBe('bot');
    expect(authorKindOf({ username: 'alice', bot: true })).toBe('bot');
    expect(authorKindOf({ username: 'robotics-team' })).toBe('human');
    expect(authorKindOf(null)).toBeNull();
  });

  it('reviews: the first note or approval by another person; the author, bots and other system notes do not count', () => {
    const summary = summarizeNotes(
      [
        note(
          'carol',
          'approved this merge request',
          '2026-03-02T10:00:00Z',
          true,
        ),
        note('alice', 'self comment', '2026-03-01T08:00:00Z'),
        note('bob', 'added 1 commit', '2026-03-01T08:30:00Z', true),
        note(
          'project_1_bot_ab',
          'approved this merge request',
          '2026-03-01T09:00:00Z',
          true,
        ),
        note('bob', 'nit', '2026-03-01T11:00:00Z'),
      ],
      'alice',
    );
    expect(summary).toEqual({
      firstReviewAt: '2026-03-01T11:00:00Z',
      approvedAt: '2026-03-02T10:00:00Z',
      reviewCount: 2,
    });
  });

  it('paths: both sides of a rename; above 300 files the top-level directories', () => {
    expect(
      changedFiles([
        { old_path: 'a/old.md', new_path: 'a/new.md' },
        { old_path: 'b.ts', new_path: 'b.ts' },
      ]),
    ).toEqual(['a/new.md', 'a/old.md', 'b.ts']);
    const many = Array.from({ length: 301 }, (_, i) => `x/y/${i}.ts`);
    expect(changePaths([...many, 'z/1.ts', 'root.ts'])).toEqual([
      'root.ts',
      'x/',
      'z/',
    ]);
    expect(
      diffLineCounts([
        {
          old_path: 'a',
          new_path: 'a',
          diff: '@@ -1 +1,2 @@\n-a\n+b\n+c\n context',
        },
      ]),
    ).toEqual({ additions: 2, deletions: 1 });
  });

  it('changes: only merged merge requests; squash commit when no merge commit; revertOf by iid', () => {
    const base = {
      iid: 5,
      title: 'Revert "Feature"',
      state: 'merged',
      created_at: '2026-03-01T00:00:00Z',
      updated_at: '2026-03-02T00:00:00Z',
      merged_at: '2026-03-02T00:00:00Z',
      squash_commit_sha: 'abc',
      labels: ['x'],
      author: { username: 'alice' },
      web_url: 'https://gitlab.example.com/Acme/Api/-/merge_requests/5',
    };
    const change = mergeRequestToChange({
      project: 'Acme/Api',
      entityRef: 'component:default/api',
      mergeRequest: base,
      revertedIid: 4,
    });
    expect(change).toMatchObject({
      id: 'acme/api!5',
      mergeCommitSha: 'abc',
      revertOf: 'acme/api!4',
      authorKind: 'human',
      labels: ['x'],
      firstReviewAt: null,
      paths: null,
    });
    expect(revertedTitle(base.title)).toBe('Feature');
    expect(
      mergeRequestToChange({
        project: 'acme/api',
        entityRef: 'component:default/api',
        mergeRequest: { ...base, state: 'closed', merged_at: null },
      }),
    ).toBeNull();
  });

  it('deployments: success/failed/canceled are outcomes, running is not yet', () => {
    expect(
      ['success', 'failed', 'canceled', 'running', 'created'].map(
        gitlabOutcome,
      ),
    ).toEqual(['success', 'failure', 'aborted', null, null]);
    expect(
      deploymentToDeployment({
        project: 'acme/api',
        entityRef: 'component:default/api',
        deployment: {
          id: 1,
          status: 'running',
          created_at: '2026-03-01T00:00:00Z',
          updated_at: '2026-03-01T00:00:00Z',
          environment: { name: 'production' },
        },
      }),
    ).toBeNull();
  });

  it('job environments: the first matching pattern (glob or /regex/), else production', () => {
    const rules = [
      { match: pattern('deploy prod*'), environment: 'production-eu' },
      { match: pattern('/^deploy (stg|staging)$/'), environment: 'staging' },
    ];
    expect(jobEnvironment('deploy prod-eu', rules)).toBe('production-eu');
    expect(jobEnvironment('deploy stg', rules)).toBe('staging');
    expect(jobEnvironment('release', rules)).toBe('production');
  });

  it('webhook times: ISO and GitLab\'s "YYYY-MM-DD HH:MM:SS UTC/+hhmm" forms', () => {
    expect(webhookInstant('2026-03-02 15:00:02 UTC')).toBe(
      '2026-03-02T15:00:02.000Z',
    );
    expect(webhookInstant('2026-03-02 17:00:02 +0200')).toBe(
      '2026-03-02T15:00:02.000Z',
    );
    expect(webhookInstant('2026-03-02T15:00:02Z')).toBe(
      '2026-03-02T15:00:02.000Z',
    );
    expect(webhookInstant('yesterday')).toBeUndefined();
  });
});
