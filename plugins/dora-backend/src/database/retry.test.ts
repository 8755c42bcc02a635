import { retryTransaction } from './retry';

const conflict = (code: string) => Object.assign(new Error(code), { code });

describe('retryTransaction', () => {
  const noWait = async () => {};

  it('runs a transaction again after PostgreSQL aborts it for a deadlock or a serialization failure', async () => {
    const errors = [conflict('40P01'), conflict('40001')];
    const retried: number[] = [];
    const result = await retryTransaction(
      async () => {
        const error = errors.shift();
        if (error) throw error;
        return 'written';
      },
      { sleep: noWait, onRetry: (_e, attempt) => retried.push(attempt) },
    );
    expect(result).toBe('written');
    expect(retried).toEqual([1, 2]);
  });

  it('gives up after the bounded number of attempts with the last error', async () => {
    let calls = 0;
    await expect(
      retryTransaction(
        async () => {
          calls++;
          throw conflict('40P01');
        },
        { attempts: 3, sleep: noWait },
      ),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(calls).toBe(3);
  });

  it('passes any other error through at once', async () => {
    let calls = 0;
    await expect(
      retryTransaction(
        async () => {
          calls++;
          throw conflict('23505');
        },
        { sleep: noWait },
      ),
    ).rejects.toMatchObject({ code: '23505' });
    expect(calls).toBe(1);
  });

  it('waits longer before each new attempt, with jitter', async () => {
    const waits: number[] = [];
    let calls = 0;
    await retryTransaction(
      async () => {
        if (++calls < 4) throw conflict('40P01');
      },
      { sleep: async ms => void waits.push(ms) },
    );
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(10);
    expect(waits[0]).toBeLessThan(20);
    expect(waits[2]).toBeGreaterThanOrEqual(40);
    expect(waits[2]).toBeLessThan(80);
  });
});
