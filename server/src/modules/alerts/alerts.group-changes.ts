/**
 * Runs the group-state pass (alerts.service.ts `applyPendingChanges`) one at a time per instance.
 * `flush()` resolves once a pass that started after the call has finished; every batch stored
 * while a pass runs or waits shares the next one, so the pass costs per group touched, not per
 * alert. Under load passes are spaced out so that they take about `busyShare` of the time (never
 * closer than `minIntervalMs`, never further than `maxIntervalMs`): a pass that folds in many
 * groups is followed by a longer wait, and the next one takes in more batches.
 */
export function createGroupChangeRunner({
  apply,
  batchSize,
  onError,
  minIntervalMs = 0,
  maxIntervalMs = minIntervalMs,
  busyShare = 1,
}: {
  apply: (limit: number) => Promise<number>;
  batchSize: number;
  onError: (error: unknown) => void;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  busyShare?: number;
}) {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let lastDuration = 0;

  /** One pass, repeated while it came back full (a backlog longer than one pass takes). */
  async function drain() {
    try {
      while ((await apply(batchSize)) >= batchSize);
    } catch (error) {
      // The batches are stored; a pass that failed is retried by the next flush or the periodic job.
      onError(error);
    }
  }

  async function runNext(after: Promise<void> | null) {
    // Always yields first, so `next` is set before it is cleared below.
    await after;
    // Only a pass asked for while another ran is spaced out: a quiet moment's pass starts at once.
    const spacing = Math.min(maxIntervalMs, Math.max(minIntervalMs, lastDuration / busyShare));
    const wait = after ? lastStart + spacing - Date.now() : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    next = null;
    lastStart = Date.now();
    current = drain();
    await current;
    lastDuration = Date.now() - lastStart;
    current = null;
  }

  function flush(): Promise<void> {
    next ??= runNext(current);
    return next;
  }

  return {
    flush,
    /**
     * After a batch is stored. At a quiet moment it waits for the pass, so a lone webhook is answered
     * with its group updated and its cards queued. Under load a pass is always running or due: it
     * joins that one and returns at once — the batch is durably stored, its groups follow within a
     * pass, and the monitor is not held up by card work.
     */
    settle(): Promise<void> {
      const busy = current !== null || next !== null;
      const pass = flush();
      return busy ? Promise.resolve() : pass;
    },
  };
}

export type GroupChangeRunner = ReturnType<typeof createGroupChangeRunner>;
