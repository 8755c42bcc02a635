import { ServiceUnavailableError } from '@backstage/errors';
import { Response } from 'express';
import { LoadShedder } from './loadShedding';

/** Just enough of a response to carry a header. */
function response(): Response & { headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  return {
    headers,
    setHeader: (name: string, value: string) => {
      headers[name] = value;
    },
  } as unknown as Response & { headers: Record<string, string> };
}

/** A piece of work that finishes when told to. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  return { open, work: async () => opened };
}

describe('LoadShedder', () => {
  it('runs at most maxRunning heavy reads at once, queues the next ones and refuses beyond the queue with 503 and Retry-After', async () => {
    const shedder = new LoadShedder({
      maxRunning: 2,
      maxQueued: 1,
      retryAfterSeconds: 7,
    });
    const started: number[] = [];
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      shedder.run(response(), async () => {
        started.push(i);
        await g.work();
        return i;
      }),
    );
    await new Promise(resolve => setImmediate(resolve));
    expect(started).toEqual([0, 1]);

    const refused = response();
    await expect(shedder.run(refused, async () => 'never')).rejects.toThrow(
      ServiceUnavailableError,
    );
    expect(refused.headers['Retry-After']).toBe('7');

    gates[0].open();
    await new Promise(resolve => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates[1].open();
    gates[2].open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
  });

  it('frees its turn when a read fails', async () => {
    const shedder = new LoadShedder({
      maxRunning: 1,
      maxQueued: 0,
      retryAfterSeconds: 1,
    });
    await expect(
      shedder.run(response(), async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await shedder.run(response(), async () => 'next')).toBe('next');
  });
});
