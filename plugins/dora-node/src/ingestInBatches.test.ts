import { LoggerService } from '@backstage/backend-plugin-api';
import { DoraEvent } from '@dora-metrics/plugin-dora-common';
import { ingestInBatches } from './ingestInBatches';

const change = (id: string, entityRef: string): DoraEvent => ({
  kind: 'change',
  source: 'gitlab',
  id,
  entityRef,
  mergedAt: '2026-03-01T10:00:00Z',
});

function testLogger() {
  const logger = {
    warn: jest.fn(),
    info: jest.fn(),
    error: jest.fn(),
    debug: jest.fn(),
    child: () => logger,
  };
  return logger as LoggerService & { warn: jest.Mock };
}

function recordingSink() {
  const batches: DoraEvent[][] = [];
  return {
    batches,
    sink: {
      ingest: async (events: DoraEvent[]) => {
        batches.push(events);
        return { accepted: events.length };
      },
    },
  };
}

describe('ingestInBatches', () => {
  it("keeps all of a monorepo change's entity copies in one batch, so no write takes the change from its other entities", async () => {
    const { sink, batches } = recordingSink();
    const events = [
      change('a', 'component:default/billing'),
      change('b', 'component:default/billing'),
      change('b', 'component:default/search'),
      change('c', 'component:default/search'),
    ];
    const accepted = await ingestInBatches(sink, events, {
      batchSize: 2,
      logger: testLogger(),
      label: 'GitLab acme/platform merge_requests',
    });
    expect(accepted).toBe(4);
    expect(batches.map(b => b.map(e => `${e.id}@${e.entityRef}`))).toEqual([
      ['a@component:default/billing'],
      ['b@component:default/billing', 'b@component:default/search'],
      ['c@component:default/search'],
    ]);
  });

  it('writes an event seen twice for one entity once (the last copy), and leaves out and logs one that does not validate', async () => {
    const { sink, batches } = recordingSink();
    const logger = testLogger();
    await ingestInBatches(
      sink,
      [
        { ...change('a', 'component:default/billing'), title: 'first' },
        { ...change('a', 'component:default/billing'), title: 'second' },
        { ...change('x', 'component:default/billing'), mergedAt: 'yesterday' },
      ] as DoraEvent[],
      { batchSize: 10, logger, label: 'GitHub acme/api pulls' },
    );
    expect(batches).toEqual([
      [{ ...change('a', 'component:default/billing'), title: 'second' }],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^GitHub acme\/api pulls: skipped an event/),
    );
  });
});
