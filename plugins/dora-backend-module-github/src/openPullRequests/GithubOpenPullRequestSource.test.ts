import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { component } from '../__testUtils__/entities';
import { FAKE_TOKEN, FakeGithub } from '../__testUtils__/fakeGithub';
import {
  createTestClock,
  RecordingLogger,
} from '@dora-metrics/plugin-dora-node/testUtils';
import { GithubClientFactory } from '../client/GithubClientFactory';
import { readGithubCollectorConfig } from '../config';
import { GithubOpenPullRequestSource } from './GithubOpenPullRequestSource';

jest.setTimeout(60_000);

const START = '2026-03-20T00:00:00Z';
const OPENED_BEFORE = '2026-03-19T00:00:00Z';
const PAYMENTS = 'component:default/payments-api';

function user(login: string) {
  return {
    login,
    id: login.length * 1000,
    node_id: `U_${login}`,
    url: `https://api.github.com/users/${login}`,
    html_url: `https://github.com/${login}`,
    type: 'User',
    site_admin: false,
  };
}

/** An open pull request as `GET /repos/{owner}/{repo}/pulls?state=open` lists it (trimmed). */
function openPull(
  repository: string,
  number: number,
  author: string,
  createdAt: string,
  draft = false,
) {
  return {
    url: `https://api.github.com/repos/${repository}/pulls/${number}`,
    id: 3000000 + number,
    node_id: `PR_${number}`,
    html_url: `https://github.com/${repository}/pull/${number}`,
    number,
    state: 'open',
    locked: false,
    title: `Change ${number}`,
    user: user(author),
    body: null,
    labels: [],
    created_at: createdAt,
    updated_at: createdAt,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    draft,
    head: { ref: `branch-${number}`, sha: `head${number}` },
    base: { ref: 'main', sha: 'base' },
    author_association: 'MEMBER',
  };
}

/** One element of `GET .../pulls/{n}/reviews`. */
function review(id: number, login: string, state: string, submittedAt: string) {
  return {
    id,
    node_id: `PRR_${id}`,
    user: user(login),
    body: '',
    state,
    author_association: 'MEMBER',
    submitted_at: submittedAt,
    commit_id: 'head',
  };
}

/** One element of `GET .../issues/{n}/events`. */
function issueEvent(id: number, event: string, createdAt: string) {
  return {
    id,
    node_id: `E_${id}`,
    actor: user('someone'),
    event,
    commit_id: null,
    commit_url: null,
    created_at: createdAt,
    performed_via_github_app: null,
  };
}

describe('GithubOpenPullRequestSource', () => {
  const github = new FakeGithub();

  beforeAll(() => github.start());
  afterAll(() => github.stop());
  beforeEach(() => {
    for (const key of Object.keys(github.repos)) delete github.repos[key];
    for (const key of Object.keys(github.broken)) delete github.broken[key];
  });

  function setup(entities: Entity[]) {
    const clock = createTestClock(START);
    const logger = new RecordingLogger();
    const rootConfig = new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com', apiBaseUrl: github.url, token: FAKE_TOKEN },
        ],
      },
      dora: { github: {} },
    });
    const config = readGithubCollectorConfig(rootConfig);
    const source = new GithubOpenPullRequestSource({
      config,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger,
      clients: GithubClientFactory.fromConfig(rootConfig, {
        sleep: clock.sleep,
        now: clock.now,
        policy: config.rateLimit,
      }),
    });
    return { source, logger };
  }

  it('lists the open pull requests opened before the instant, with the first review by someone other than the author; drafts without reading reviews', async () => {
    const repo = 'acme/payments-api';
    github.repos[repo] = {
      'pulls?state=open': [
        openPull(repo, 10, 'alice', '2026-03-10T09:00:00Z'),
        openPull(repo, 11, 'carol', '2026-03-15T09:00:00Z', true),
        openPull(repo, 12, 'dave', '2026-03-16T09:00:00Z'),
        openPull(repo, 15, 'erin', '2026-03-19T10:00:00Z'),
        openPull(repo, 16, 'erin', '2026-03-19T20:00:00Z'),
        openPull(repo, 17, 'erin', '2026-03-19T21:00:00Z'),
      ],
      'pulls/10/reviews': [
        review(1, 'alice', 'COMMENTED', '2026-03-10T10:00:00Z'),
        review(2, 'bob', 'CHANGES_REQUESTED', '2026-03-12T08:00:00Z'),
        review(3, 'bob', 'APPROVED', '2026-03-13T08:00:00Z'),
      ],
      'pulls/12/reviews': [
        review(4, 'dave', 'COMMENTED', '2026-03-16T10:00:00Z'),
      ],
      'issues/12/events': [issueEvent(40, 'labeled', '2026-03-16T09:05:00Z')],
    };
    const { source } = setup([
      component('payments-api', { 'github.com/project-slug': repo }),
    ]);
    const from = github.requests.length;

    const pulls = await source.listOpenPullRequests({
      entityRefs: [PAYMENTS],
      openedBefore: OPENED_BEFORE,
    });

    const common = { entityRef: PAYMENTS, repository: repo };
    expect(pulls).toEqual([
      {
        ...common,
        id: 'github:acme/payments-api#10',
        number: 10,
        title: 'Change 10',
        author: 'alice',
        url: 'https://github.com/acme/payments-api/pull/10',
        openedAt: '2026-03-10T09:00:00Z',
        firstReviewAt: '2026-03-12T08:00:00Z',
        draft: false,
      },
      {
        ...common,
        id: 'github:acme/payments-api#11',
        number: 11,
        title: 'Change 11',
        author: 'carol',
        url: 'https://github.com/acme/payments-api/pull/11',
        openedAt: '2026-03-15T09:00:00Z',
        draft: true,
      },
      {
        ...common,
        id: 'github:acme/payments-api#12',
        number: 12,
        title: 'Change 12',
        author: 'dave',
        url: 'https://github.com/acme/payments-api/pull/12',
        openedAt: '2026-03-16T09:00:00Z',
        draft: false,
      },
    ]);
    // Oldest first, so paging stops at the page holding the first newer one
    // (pages of two here): the third page of pulls is never asked for.
    const paths = github
      .requestsSince(from)
      .map(r => r.replace(/^GET /, '').replace(/\?.*$/, ''));
    expect(paths).toEqual([
      '/repos/acme/payments-api/pulls',
      '/repos/acme/payments-api/pulls',
      '/repos/acme/payments-api/pulls/10/reviews',
      '/repos/acme/payments-api/pulls/10/reviews',
      '/repos/acme/payments-api/pulls/12/reviews',
      '/repos/acme/payments-api/issues/12/events',
    ]);
    expect(github.requestsSince(from)[0]).toMatch(
      /state=open&sort=created&direction=asc&per_page=100$/,
    );
  });

  it('a pull request marked ready for review waits from then: listed from that instant, or left out when that is too recent', async () => {
    const repo = 'acme/web-app';
    github.repos[repo] = {
      'pulls?state=open': [
        openPull(repo, 20, 'frank', '2026-03-01T09:00:00Z'),
        openPull(repo, 21, 'gina', '2026-03-02T09:00:00Z'),
      ],
      'pulls/20/reviews': [],
      'pulls/21/reviews': [],
      'issues/20/events': [
        issueEvent(1, 'convert_to_draft', '2026-03-03T09:00:00Z'),
        issueEvent(2, 'ready_for_review', '2026-03-05T09:00:00Z'),
        issueEvent(3, 'ready_for_review', '2026-03-18T12:00:00Z'),
      ],
      'issues/21/events': [
        issueEvent(4, 'ready_for_review', '2026-03-19T06:00:00Z'),
      ],
    };
    const { source } = setup([
      component('web-app', { 'github.com/project-slug': repo }),
    ]);

    const pulls = await source.listOpenPullRequests({
      entityRefs: ['component:default/web-app'],
      openedBefore: OPENED_BEFORE,
    });

    expect(pulls.map(p => [p.number, p.openedAt])).toEqual([
      [20, '2026-03-18T12:00:00Z'],
    ]);
  });

  it('reads only the repositories of the entities asked about', async () => {
    github.repos['acme/a'] = { 'pulls?state=open': [] };
    github.repos['acme/b'] = { 'pulls?state=open': [] };
    const { source } = setup([
      component('a', { 'github.com/project-slug': 'acme/a' }),
      component('b', { 'github.com/project-slug': 'acme/b' }),
    ]);
    const from = github.requests.length;

    await source.listOpenPullRequests({
      entityRefs: ['Component:default/B'],
      openedBefore: OPENED_BEFORE,
    });

    expect(github.requestsSince(from)).toEqual([
      expect.stringMatching(/^GET \/repos\/acme\/b\/pulls\?/),
    ]);
  });

  it('a failing repository is logged and the others are still read', async () => {
    github.broken['acme/a'] = { status: 404 };
    github.repos['acme/b'] = {
      'pulls?state=open': [
        openPull('acme/b', 7, 'hana', '2026-03-01T00:00:00Z'),
      ],
      'pulls/7/reviews': [],
      'issues/7/events': [],
    };
    const { source, logger } = setup([
      component('a', { 'github.com/project-slug': 'acme/a' }),
      component('b', { 'github.com/project-slug': 'acme/b' }),
    ]);

    const pulls = await source.listOpenPullRequests({
      entityRefs: ['component:default/a', 'component:default/b'],
      openedBefore: OPENED_BEFORE,
    });

    expect(pulls.map(p => p.id)).toEqual(['github:acme/b#7']);
    expect(
      logger.lines.filter(
        l =>
          l.level === 'warn' &&
          l.message.includes('open pull requests of acme/a could not be read'),
      ),
    ).toHaveLength(1);
    expect(logger.text()).not.toContain(FAKE_TOKEN);
  });

  it('an exhausted rate limit stops the read; later repositories wait for the next evaluation', async () => {
    github.repos['acme/a'] = { 'pulls?state=open': [] };
    github.repos['acme/b'] = { 'pulls?state=open': [] };
    github.once('/repos/acme/a/pulls', {
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Date.parse(START) / 1000 + 7200),
      },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });
    const { source, logger } = setup([
      component('a', { 'github.com/project-slug': 'acme/a' }),
      component('b', { 'github.com/project-slug': 'acme/b' }),
    ]);
    const from = github.requests.length;

    const pulls = await source.listOpenPullRequests({
      entityRefs: ['component:default/a', 'component:default/b'],
      openedBefore: OPENED_BEFORE,
    });

    expect(pulls).toEqual([]);
    expect(github.requestsSince(from)).toEqual([
      expect.stringMatching(/^GET \/repos\/acme\/a\/pulls\?/),
    ]);
    expect(logger.text()).toMatch(
      /not read from acme\/a and the repositories after it/,
    );
  });
});
