import { DoraEvent } from '../events/schemas';
import { change, deployment } from '../__testUtils__/eventFactories';
import { countDeployments } from './countedDeployments';
import { linkChanges } from './linkChanges';
import { buildTimeline } from './timeline';

/** Which changes each counted deployment ships, and who shipped each change. */
function link(events: DoraEvent[]) {
  const timeline = buildTimeline(events);
  const { counted } = countDeployments(timeline.deployments, ['production']);
  const shippedBy = linkChanges(counted, timeline.changes);
  const shipped: Record<string, string[]> = {};
  for (const c of counted) {
    shipped[c.deployment.id] = c.shipped.map(ch => ch.id).sort();
  }
  const shipperOf: Record<string, string> = {};
  for (const [ch, c] of shippedBy) shipperOf[ch.id] = c.deployment.id;
  return { shipped, shipperOf };
}

const merged = (id: string, mergedAt: string, mergeCommitSha?: string) =>
  change({
    id,
    firstCommitAt: '2024-04-30T00:00:00Z',
    mergedAt,
    mergeCommitSha,
  });

describe('linkChanges: explicit changeIds', () => {
  it('ships exactly the listed changes, not every change merged before', () => {
    const { shipped } = link([
      merged('c1', '2024-05-01T08:00:00Z'),
      merged('c2', '2024-05-01T09:00:00Z'),
      deployment({
        id: 'd1',
        finishedAt: '2024-05-01T10:00:00Z',
        changeIds: ['c2'],
      }),
      deployment({ id: 'd2', finishedAt: '2024-05-01T12:00:00Z' }),
    ]);
    expect(shipped).toEqual({ d1: ['c2'], d2: ['c1'] });
  });

  it('treats an empty list as authoritative: the deployment ships nothing', () => {
    const { shipped } = link([
      merged('c1', '2024-05-01T08:00:00Z'),
      deployment({
        id: 'd1',
        finishedAt: '2024-05-01T10:00:00Z',
        changeIds: [],
      }),
      deployment({ id: 'd2', finishedAt: '2024-05-01T12:00:00Z' }),
    ]);
    expect(shipped).toEqual({ d1: [], d2: ['c1'] });
  });

  it('gives a change listed by two deployments to the first one (by finishedAt, whatever the input order)', () => {
    const { shipped, shipperOf } = link([
      deployment({
        id: 'later',
        finishedAt: '2024-05-02T10:00:00Z',
        changeIds: ['c1'],
      }),
      merged('c1', '2024-05-01T08:00:00Z'),
      deployment({
        id: 'first',
        finishedAt: '2024-05-01T10:00:00Z',
        changeIds: ['c1'],
      }),
    ]);
    expect(shipperOf).toEqual({ c1: 'first' });
    expect(shipped).toEqual({ first: ['c1'], later: [] });
  });

  it('ignores ids of changes that were never ingested', () => {
    const { shipped } = link([
      merged('c1', '2024-05-01T08:00:00Z'),
      deployment({
        id: 'd1',
        finishedAt: '2024-05-01T10:00:00Z',
        changeIds: ['ghost', 'c1'],
      }),
    ]);
    expect(shipped).toEqual({ d1: ['c1'] });
  });
});

describe('linkChanges: inferred links', () => {
  it('ships every merged change with mergedAt at or before the deployment’s finish', () => {
    const { shipped } = link([
      merged('c1', '2024-05-01T08:00:00Z'),
      merged('atFinish', '2024-05-01T10:00:00Z'),
      merged('afterFinish', '2024-05-01T10:00:01Z'),
      deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' }),
    ]);
    expect(shipped).toEqual({ d1: ['atFinish', 'c1'] });
  });

  it('ships only changes that no earlier deployment shipped', () => {
    const { shipped } = link([
      merged('c1', '2024-05-01T08:00:00Z'),
      deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' }),
      merged('c2', '2024-05-01T11:00:00Z'),
      deployment({ id: 'd2', finishedAt: '2024-05-01T12:00:00Z' }),
    ]);
    expect(shipped).toEqual({ d1: ['c1'], d2: ['c2'] });
  });

  it('cuts off at the merge of the change whose merge commit the deployment deploys', () => {
    const { shipped } = link([
      merged('c1', '2024-05-01T08:00:00Z', 'aaa'),
      merged('c2', '2024-05-01T09:00:00Z', 'bbb'),
      merged('c3', '2024-05-01T09:30:00Z', 'ccc'),
      deployment({
        id: 'd1',
        finishedAt: '2024-05-01T10:00:00Z',
        commitSha: 'bbb',
      }),
      deployment({
        id: 'd2',
        finishedAt: '2024-05-01T12:00:00Z',
        commitSha: 'zzz',
      }),
    ]);
    expect(shipped).toEqual({ d1: ['c1', 'c2'], d2: ['c3'] });
  });

  it('cuts off at the finish when no change has the deployment’s commit as its merge commit', () => {
    const { shipped } = link([
      merged('c1', '2024-05-01T08:00:00Z', 'aaa'),
      merged('c2', '2024-05-01T09:00:00Z', 'bbb'),
      deployment({
        id: 'd1',
        finishedAt: '2024-05-01T10:00:00Z',
        commitSha: 'unknown',
      }),
    ]);
    expect(shipped).toEqual({ d1: ['c1', 'c2'] });
  });

  it('never infers that an unmerged change shipped', () => {
    const { shipped, shipperOf } = link([
      change({
        id: 'open',
        firstCommitAt: '2024-05-01T07:00:00Z',
        openedAt: '2024-05-01T08:00:00Z',
        firstReviewAt: '2024-05-01T08:30:00Z',
      }),
      merged('c1', '2024-05-01T09:00:00Z'),
      deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' }),
      deployment({ id: 'd2', finishedAt: '2024-06-01T10:00:00Z' }),
    ]);
    expect(shipped).toEqual({ d1: ['c1'], d2: [] });
    expect(shipperOf.open).toBeUndefined();
  });

  it('does not infer changes already shipped by an explicit list', () => {
    const { shipped } = link([
      merged('c1', '2024-05-01T08:00:00Z'),
      merged('c2', '2024-05-01T09:00:00Z'),
      deployment({
        id: 'd1',
        finishedAt: '2024-05-01T09:30:00Z',
        changeIds: ['c2'],
      }),
      deployment({ id: 'd2', finishedAt: '2024-05-01T10:00:00Z' }),
    ]);
    expect(shipped).toEqual({ d1: ['c2'], d2: ['c1'] });
  });

  it('lets only counted deployments ship: failed, staging and redeploys ship nothing', () => {
    const { shipperOf } = link([
      merged('c1', '2024-05-01T08:00:00Z'),
      deployment({
        id: 'fail',
        finishedAt: '2024-05-01T09:00:00Z',
        status: 'failure',
      }),
      deployment({
        id: 'stage',
        finishedAt: '2024-05-01T09:10:00Z',
        environment: 'staging',
        changeIds: ['c1'],
      }),
      deployment({
        id: 'd1',
        finishedAt: '2024-05-01T10:00:00Z',
        version: 'v1',
      }),
      merged('c2', '2024-05-01T10:30:00Z'),
      deployment({
        id: 'redeploy',
        finishedAt: '2024-05-01T11:00:00Z',
        version: 'v1',
      }),
      deployment({
        id: 'd2',
        finishedAt: '2024-05-01T12:00:00Z',
        version: 'v2',
      }),
    ]);
    expect(shipperOf).toEqual({ c1: 'd1', c2: 'd2' });
  });
});
