import {
  change,
  deployment,
  incident,
  ms,
} from '../__testUtils__/eventFactories';
import { buildTimeline } from './timeline';

describe('buildTimeline', () => {
  it('orders deployments by finishedAt, then source, then id, whatever the input order', () => {
    const events = [
      deployment({ id: 'b', finishedAt: '2024-05-01T10:00:00Z' }),
      deployment({ id: 'z', finishedAt: '2024-05-01T09:00:00Z' }),
      deployment({ id: 'a', finishedAt: '2024-05-01T10:00:00Z' }),
      deployment({
        id: 'a',
        source: 'argo',
        finishedAt: '2024-05-01T10:00:00Z',
      }),
    ];
    const order = (list: typeof events) =>
      buildTimeline(list).deployments.map(d => `${d.source}/${d.id}`);
    expect(order(events)).toEqual(['ci/z', 'argo/a', 'ci/a', 'ci/b']);
    expect(order([...events].reverse())).toEqual(order(events));
  });

  it('orders changes by mergedAt with unmerged ones last, and incidents by openedAt', () => {
    const timeline = buildTimeline([
      change({ id: 'open' }),
      change({ id: 'late', mergedAt: '2024-05-02T00:00:00Z' }),
      change({ id: 'early', mergedAt: '2024-05-01T00:00:00Z' }),
      incident({ id: 'i2', openedAt: '2024-05-02T00:00:00Z' }),
      incident({ id: 'i1', openedAt: '2024-05-01T00:00:00Z' }),
    ]);
    expect(timeline.changes.map(c => c.id)).toEqual(['early', 'late', 'open']);
    expect(timeline.incidents.map(i => i.id)).toEqual(['i1', 'i2']);
  });

  it('normalizes absent fields: deploymentKind normal, labels empty, artifact version else commitSha, instants in UTC', () => {
    const { deployments, changes } = buildTimeline([
      deployment({
        id: 'd1',
        finishedAt: '2024-05-01T12:00:00+02:00',
        commitSha: 'abc',
      }),
      deployment({
        id: 'd2',
        finishedAt: '2024-05-01T13:00:00Z',
        version: 'v2',
        commitSha: 'def',
      }),
      change({ id: 'c1', labels: null }),
    ]);
    expect(deployments[0]).toMatchObject({
      finishedAt: ms('2024-05-01T10:00:00Z'),
      artifact: 'abc',
      changeIds: null,
      deploymentKind: 'normal',
      rollbackOf: null,
    });
    expect(deployments[1].artifact).toBe('v2');
    expect(changes[0].labels).toEqual([]);
  });
});
