/**
 * Runs the group-state pass (alerts.service.ts `applyGroupChanges`) one at a time per instance.
 * A stored batch calls `flush()` and is answered once a pass that started after its commit has
 * finished, so a webhook's 202 still means "grouped, cards and pages queued". All the batches that
 * wait meanwhile share the next pass, which is what keeps the pass off the hot path: its cost
 * follows the groups touched, not the alerts received.
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

  return {
    flush(): Promise<void> {
      if (!current) return start();
      queued ??= current.then(() => {
        queued = null;
        return current ?? start();
      });
      return queued;
    },
  };
}

export type GroupChangeRunner = ReturnType<typeof createGroupChangeRunner>;
