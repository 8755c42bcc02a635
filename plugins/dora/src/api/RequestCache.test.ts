import { RequestCache } from './RequestCache';

describe('RequestCache', () => {
  const deferred = () => {
    let resolve!: (value: string) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };

  it('shares one request between callers while it is in flight', async () => {
    const cache = new RequestCache();
    const pending = deferred();
    const load = jest.fn(() => pending.promise);
    const first = cache.get('/a', load);
    const second = cache.get('/a', load);
    pending.resolve('body');
    await expect(Promise.all([first, second])).resolves.toEqual([
      'body',
      'body',
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('answers the same key from memory until its lifetime ends, then asks again', async () => {
    let now = 1_000;
    const cache = new RequestCache(30_000, () => now);
    const load = jest.fn(async () => `body at ${now}`);
    await cache.get('/a', load);
    now += 29_999;
    await expect(cache.get('/a', load)).resolves.toBe('body at 1000');
    expect(load).toHaveBeenCalledTimes(1);
    now += 1;
    await expect(cache.get('/a', load)).resolves.toBe('body at 31000');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keys by the whole key: another query is another request', async () => {
    const cache = new RequestCache();
    const load = jest.fn(async () => 'body');
    await cache.get('/a?from=1', load);
    await cache.get('/a?from=2', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failure: the next call asks again', async () => {
    const cache = new RequestCache();
    const failing = jest.fn(async () => {
      throw new Error('503');
    });
    await expect(cache.get('/a', failing)).rejects.toThrow('503');
    const load = jest.fn(async () => 'body');
    await expect(cache.get('/a', load)).resolves.toBe('body');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets everything on clear', async () => {
    const cache = new RequestCache();
    const load = jest.fn(async () => 'body');
    await cache.get('/a', load);
    cache.clear();
    await cache.get('/a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
