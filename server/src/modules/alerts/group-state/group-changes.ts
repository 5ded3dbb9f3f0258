/**
 * Runs the group-state pass (group-state.service.ts `applyPendingChanges`) one at a time per instance.
 * `flush()` resolves once a pass that started after the call has finished; every batch stored
 * while a pass runs or waits shares the next one, so the pass costs per group touched, not per
 * alert. Under load passes are spaced out by how much the last one took in (`msPerChange` for each
 * stored change, never closer than `minIntervalMs`, never further than `maxIntervalMs`): a busy
 * pass is followed by a longer wait, so the next one takes in more batches for the same cost, while
 * a trickle of alerts (a few changes a pass) keeps its cards prompt.
 */
export function createGroupChangeRunner({
  apply,
  batchSize,
  onError,
  minIntervalMs = 0,
  maxIntervalMs = minIntervalMs,
  msPerChange = 0,
}: {
  apply: (limit: number) => Promise<number>;
  batchSize: number;
  onError: (error: unknown) => void;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  msPerChange?: number;
}) {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;
  let lastTaken = 0;

  /** One pass, repeated while it came back full (a backlog longer than one pass takes). */
  async function drain() {
    lastTaken = 0;
    try {
      let taken: number;
      do {
        taken = await apply(batchSize);
        lastTaken += taken;
      } while (taken >= batchSize);
    } catch (error) {
      // The batches are stored; a pass that failed is retried by the next flush or the periodic job.
      onError(error);
    }
  }

  async function runNext(after: Promise<void> | null) {
    // Always yields first, so `next` is set before it is cleared below.
    await after;
    // Only a pass asked for while another ran is spaced out: a quiet moment's pass starts at once.
    const spacing = Math.min(maxIntervalMs, Math.max(minIntervalMs, lastTaken * msPerChange));
    const wait = after ? lastStart + spacing - Date.now() : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    next = null;
    lastStart = Date.now();
    current = drain();
    await current;
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
