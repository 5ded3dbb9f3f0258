import { describe, expect, it } from 'vitest';
import { createPollLoop } from './poll-loop';

const waitFor = async (check: () => boolean, ms = 1000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('poll loop (outbox worker, inbox dispatcher)', () => {
  it('a wake that lands while a round is running starts another round at once, not after the poll interval', async () => {
    let rounds = 0;
    const loop = createPollLoop({
      name: 'test',
      pollMs: 600_000,
      log: undefined,
      runOnce: async () => {
        rounds += 1;
        // The commit's NOTIFY arrives while this round is still looking (and finds nothing).
        if (rounds === 1) loop.wake();
        return 0;
      },
    });
    loop.start();
    await waitFor(() => rounds >= 2);
    await loop.stop();
    expect(rounds).toBe(2);
  });

  it('a wake while sleeping starts a round; stop ends a sleeping loop at once', async () => {
    let rounds = 0;
    const loop = createPollLoop({ name: 'test', pollMs: 600_000, log: undefined, runOnce: async () => ((rounds += 1), 0) });
    loop.start();
    await waitFor(() => rounds === 1);
    loop.wake();
    await waitFor(() => rounds === 2);
    const stopped = Date.now();
    await loop.stop();
    expect(Date.now() - stopped).toBeLessThan(500);
  });
});
