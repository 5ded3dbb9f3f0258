/**
 * Runs the group-state pass (alerts.service.ts `applyGroupChanges`) one at a time per instance.
 * `flush()` resolves once a pass that started after the call has finished; every batch stored
 * while a pass runs shares the next one, so the pass costs per group touched, not per alert.
 */
export function createGroupChangeRunner({ apply, batchSize, onError }: { apply: (limit: number) => Promise<number>; batchSize: number; onError: (error: unknown) => void }) {
  let current: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  /** One pass, repeated while it came back full (a backlog longer than one pass takes). */
  async function drain() {
    try {
      while ((await apply(batchSize)) >= batchSize);
    } catch (error) {
      // The batch is stored; a pass that failed is retried by the next flush or the periodic job.
      onError(error);
    }
  }

  function start(): Promise<void> {
    const pass = drain().finally(() => {
      current = null;
    });
    current = pass;
    return pass;
  }

  function flush(): Promise<void> {
    if (!current) return start();
    queued ??= current.then(() => {
      queued = null;
      return current ?? start();
    });
    return queued;
  }

  return {
    flush,
    /**
     * After a batch is stored. At a quiet moment it waits for the pass, so a lone webhook is answered
     * with its group updated and its cards queued. Under load a pass is always running: it asks for
     * the next one and returns at once — the batch is durably stored, its groups follow within a
     * pass, and the monitor is not held up by card work.
     */
    settle(): Promise<void> {
      const busy = current !== null;
      const pass = flush();
      return busy ? Promise.resolve() : pass;
    },
  };
}

export type GroupChangeRunner = ReturnType<typeof createGroupChangeRunner>;
