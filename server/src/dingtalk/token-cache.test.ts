import { describe, expect, it } from 'vitest';
import { createTokenCache, type FetchedToken } from './token-cache';

function setup(expiresInSeconds = 7200) {
  let now = 0;
  let fetches = 0;
  const pending: ((token: FetchedToken) => void)[] = [];
  const cache = createTokenCache({
    now: () => now,
    fetchToken: () => {
      fetches += 1;
      return new Promise<FetchedToken>((resolve) => pending.push(resolve));
    },
  });
  const answer = (token: string) => pending.shift()?.({ token, expiresInSeconds });
  return { cache, answer, advance: (ms: number) => (now += ms), fetches: () => fetches };
}

describe('token cache', () => {
  it('concurrent callers share one fetch', async () => {
    const { cache, answer, fetches } = setup();
    const callers = [cache.get(), cache.get(), cache.get()];
    answer('t1');

    expect(await Promise.all(callers)).toEqual(['t1', 't1', 't1']);
    expect(fetches()).toBe(1);
  });

  it('refreshes five minutes before expiry', async () => {
    const { cache, answer, advance, fetches } = setup();
    const first = cache.get();
    answer('t1');
    await first;

    advance(7200_000 - 300_000 - 1);
    expect(await cache.get()).toBe('t1');
    advance(1);
    const second = cache.get();
    answer('t2');

    expect(await second).toBe('t2');
    expect(fetches()).toBe(2);
  });

  it('invalidating an older token keeps the current one', async () => {
    const { cache, answer, fetches } = setup();
    const first = cache.get();
    answer('t1');
    await first;

    cache.invalidate('t0');
    expect(await cache.get()).toBe('t1');
    cache.invalidate('t1');
    const next = cache.get();
    answer('t2');

    expect(await next).toBe('t2');
    expect(fetches()).toBe(2);
  });

  it('a failed fetch is not cached', async () => {
    let calls = 0;
    const cache = createTokenCache({
      fetchToken: async () => {
        calls += 1;
        if (calls === 1) throw new Error('down');
        return { token: 'ok', expiresInSeconds: 7200 };
      },
    });

    await expect(cache.get()).rejects.toThrow('down');
    expect(await cache.get()).toBe('ok');
  });

  it('a very short lifetime still serves the token for half of it', async () => {
    const { cache, answer, advance, fetches } = setup(60);
    const first = cache.get();
    answer('short');
    await first;

    advance(29_000);
    expect(await cache.get()).toBe('short');
    expect(fetches()).toBe(1);
  });
});
