import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `runOnce` again and again: straight away while it finds work, after `pollMs` when it found
 * none, and at once when woken. Shared by the outbox worker and the inbox dispatcher.
 */
export function createPollLoop({ name, runOnce, pollMs, log }: { name: string; runOnce: () => Promise<number>; pollMs: number; log: FastifyBaseLogger | undefined }) {
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  // A wake that lands while a round is running (its work may have been committed after the round
  // looked) must not be lost: the next sleep is skipped.
  let wokenDuringRound = false;

  function sleep(ms: number) {
    if (wokenDuringRound || !running) {
      wokenDuringRound = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wakeUp = null;
        resolve();
      }, ms);
      wakeUp = () => {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      };
    });
  }

  async function run() {
    while (running) {
      wokenDuringRound = false;
      try {
        if ((await runOnce()) === 0) await sleep(pollMs);
      } catch (error) {
        log?.error({ err: error, loop: name }, 'Worker loop failed; backing off');
        await sleep(pollMs * 4);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    /** Stops taking new work and waits for the round in hand. */
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      loop = null;
    },
    wake() {
      if (wakeUp) wakeUp();
      else wokenDuringRound = true;
    },
  };
}
