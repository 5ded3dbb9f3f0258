import type { FastifyBaseLogger } from 'fastify';
import { isDatabaseUnavailable } from '../../db/connection-errors';

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

  /** Rounds failed in a row: only the first of a streak is logged in full (an outage fails every round). */
  let failedRounds = 0;

  async function run() {
    while (running) {
      wokenDuringRound = false;
      try {
        const handled = await runOnce();
        if (failedRounds > 0) log?.info({ loop: name, failedRounds }, 'Worker loop recovered');
        failedRounds = 0;
        if (handled === 0) await sleep(pollMs);
      } catch (error) {
        failedRounds += 1;
        if (failedRounds === 1) log?.[isDatabaseUnavailable(error) ? 'warn' : 'error']({ err: error, loop: name }, 'Worker loop failed; backing off');
        // A wake (a NOTIFY, or the LISTEN connection coming back) ends the back-off early.
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
