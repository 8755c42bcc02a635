import { DoraEvent } from '../events/schemas';
import { DoraSettings } from '../settings/settings';
import {
  HOUR,
  after,
  change,
  classify,
  deployment,
  incident,
  ms,
} from '../__testUtils__/eventFactories';
import { analyzeEntity } from './analyzeEntity';
import { explainEvents } from './explainEvents';

const FROM = '2024-05-01T00:00:00Z';
const window = { from: ms(FROM), to: ms('2024-05-02T00:00:00Z') };
const at = (hours: number) => after(FROM, hours * HOUR);

const rules: Partial<DoraSettings> = {
  exclusions: {
    authors: ['dependabot[bot]'],
    labels: ['dependencies'],
    titles: [],
    bots: false,
  },
};

// d1 ships a human's change and a bot's; d2 ships only the bot's bump.
const events: DoraEvent[] = [
  deployment({ id: 'd1', finishedAt: at(10), changeIds: ['human', 'bump'] }),
  deployment({ id: 'd2', finishedAt: at(20), changeIds: ['bump2'] }),
  change({
    id: 'human',
    author: 'alice',
    firstCommitAt: at(8),
    openedAt: at(8),
    mergedAt: at(9),
    additions: 10,
    deletions: 0,
    reviewCount: 1,
  }),
  change({
    id: 'bump',
    author: 'dependabot[bot]',
    firstCommitAt: at(0),
    openedAt: at(0),
    mergedAt: at(9),
    reviewCount: 0,
  }),
  change({
    id: 'bump2',
    author: 'bob',
    labels: ['dependencies'],
    firstCommitAt: at(1),
    mergedAt: at(19),
  }),
];

describe('exclusion rules in the engine', () => {
  it('marks each change with why it is excluded, null when it counts', () => {
    const entity = classify(events, { settings: rules });
    const reasons = Object.fromEntries(
      entity.timeline.changes.map(c => [c.id, entity.excluded.get(c) ?? null]),
    );
    expect(reasons).toEqual({
      human: null,
      bump: 'bot author dependabot[bot]',
      bump2: 'label dependencies',
    });
  });

  it('leaves excluded changes out of lead time and the pull-request metrics', () => {
    const analysis = analyzeEntity(
      classify(events, { settings: rules }),
      window,
    );
    expect(analysis.leadTimes.map(l => l.seconds)).toEqual([2 * 3600]);
    expect(analysis.pullRequests.merged).toBe(1);
    expect(analysis.pullRequests.size).toEqual([10]);
    expect(analysis.pullRequests.unreviewed).toBe(0);
  });

  it('still counts a deployment of only excluded changes by default (count)', () => {
    const analysis = analyzeEntity(
      classify(events, { settings: rules }),
      window,
    );
    expect(analysis.deployments).toHaveLength(2);
  });

  it('with skip, leaves a deployment of only excluded changes out of deployment frequency and the change failure rate', () => {
    const failing = [
      ...events,
      incident({ id: 'i', openedAt: at(21), changeId: 'bump2' }),
    ];
    const entity = classify(failing, {
      settings: { ...rules, excludedDeployments: 'skip' },
    });
    const analysis = analyzeEntity(entity, window);
    expect(analysis.deployments.map(d => d.failed)).toEqual([false]);
    const d2 = explainEvents(entity, window).find(e => e.id === 'd2')!;
    expect(d2.counting).toMatchObject({
      status: 'only-excluded',
      inChangeFailureRate: false,
      shippedChangeIds: ['bump2'],
    });
  });

  it('keeps a deployment that shipped no change at all under skip', () => {
    const entity = classify(
      [deployment({ id: 'empty', finishedAt: at(5), changeIds: [] })],
      { settings: { ...rules, excludedDeployments: 'skip' } },
    );
    expect(analyzeEntity(entity, window).deployments).toHaveLength(1);
  });

  it('lets an incident naming an excluded change fail its deployment (count)', () => {
    const analysis = analyzeEntity(
      classify(
        [...events, incident({ id: 'i', openedAt: at(21), changeId: 'bump2' })],
        { settings: rules },
      ),
      window,
    );
    expect(analysis.deployments.map(d => d.failed)).toEqual([false, true]);
  });

  it('still fails the deployment of an excluded change that is reverted', () => {
    const analysis = analyzeEntity(
      classify(
        [
          ...events,
          change({
            id: 'revert',
            author: 'alice',
            revertOf: 'bump',
            mergedAt: at(12),
          }),
        ],
        { settings: rules },
      ),
      window,
    );
    expect(analysis.deployments.map(d => d.failed)).toEqual([true, false]);
  });

  it('in pull-request mode drops an excluded merge as a deployment only with skip', () => {
    const merges = events.filter(e => e.kind === 'change');
    const counted = analyzeEntity(
      classify(merges, { settings: rules }),
      window,
    );
    expect(counted.mode).toBe('pull-requests');
    expect(counted.deployments).toHaveLength(3);
    expect(counted.leadTimes).toHaveLength(1);
    const skipped = analyzeEntity(
      classify(merges, { settings: { ...rules, excludedDeployments: 'skip' } }),
      window,
    );
    expect(skipped.deployments).toHaveLength(1);
  });

  it('agrees with its drill-down: every change is listed, the excluded ones marked and not counted', () => {
    const entity = classify(events, { settings: rules });
    const analysis = analyzeEntity(entity, window);
    const changes = explainEvents(entity, window).filter(
      e => e.kind === 'change',
    );
    expect(changes).toHaveLength(3);
    const counted = changes.filter(
      e =>
        e.kind === 'change' &&
        e.counting.leadTimeSeconds !== null &&
        e.counting.excluded === null,
    );
    expect(counted).toHaveLength(analysis.leadTimes.length);
    const merged = changes.filter(
      e => e.kind === 'change' && e.counting.mergedInWindow,
    );
    expect(merged).toHaveLength(analysis.pullRequests.merged);
    const bump = changes.find(e => e.id === 'bump')!;
    expect(bump.counting).toMatchObject({
      excluded: 'bot author dependabot[bot]',
    });
  });

  it('changes nothing without rules', () => {
    const analysis = analyzeEntity(classify(events), window);
    expect(analysis.leadTimes).toHaveLength(3);
    expect(analysis.pullRequests.merged).toBe(3);
  });
});
