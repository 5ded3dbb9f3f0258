import type { FastifyBaseLogger } from 'fastify';

/** After a failed step, the next try waits this long, doubling per failure up to the cap. */
const retryDelayMs = { first: 5_000, max: 60_000 };

/**
 * A step the start-up may set to run before on-call's first read or write (e.g. filling empty
 * tables), rather than at start-up: a server that never uses on-call should not pay for it.
 * `ready()` is idempotent. When the step fails (DingTalk throttled in a storm) it is tried again on
 * a later use, no sooner than the back-off allows, so a storm's thousands of look-ups do not pile
 * onto a struggling DingTalk and the escalation job's next run after it recovers completes it.
 */
export function createFirstUse({ clock, log }: { clock: () => Date; log: FastifyBaseLogger }) {
  let step: (() => Promise<void>) | null = null;
  let running: Promise<void> | null = null;
  let done = false;
  let failures = 0;
  let retryAt = 0;

  function ready(): Promise<void> {
    if (!step || done) return Promise.resolve();
    if (running) return running;
    if (clock().getTime() < retryAt) return Promise.resolve();
    running = step().then(
      () => {
        failures = 0;
        running = null;
        done = true;
      },
      (error: unknown) => {
        failures += 1;
        const delayMs = Math.min(retryDelayMs.max, retryDelayMs.first * 2 ** (failures - 1));
        retryAt = clock().getTime() + delayMs;
        log.warn({ err: error, failures, retryInMs: delayMs }, 'Preparing on-call before its first use failed; trying again on a later use');
        running = null;
      },
    );
    return running;
  }

  return {
    ready,
    /** Sets the step; the start-up calls it before the server takes requests. */
    beforeFirstUse(prepare: () => Promise<void>) {
      step = prepare;
    },
  };
}
