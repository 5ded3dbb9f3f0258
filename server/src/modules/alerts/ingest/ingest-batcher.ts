import { isDatabaseUnavailable } from '../../../db/connection-errors';
import type { AlertSourceRow } from '../alerts.table';

interface IngestResult {
  accepted: number;
  groups: number;
}

/** Stores the requests of one batch together (one statement); how many groups they touched. */
type Store<R> = (input: { source: AlertSourceRow; requests: R[] }) => Promise<{ groups: number }>;

interface Waiting<R> {
  request: R;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

interface Lane<R> {
  source: AlertSourceRow;
  queue: Waiting<R>[];
  running: boolean;
}

/**
 * Group commit for webhooks. Requests from one source that arrive while that source's previous
 * batch is being stored wait and then go in together, in arrival order, in one statement. At low
 * load a batch is a single request delayed by at most `lingerMs`; under a storm one statement carries
 * hundreds of alerts, which is what lets ingest keep up with a monitor's burst. If a shared batch
 * fails, its requests are retried one by one so a bad request fails alone. A request is answered
 * only once its alerts are stored: when the database is away each one fails (503 upstream).
 *
 * A request comes in ready to store (classified and serialised on arrival, while the previous batch
 * is in Postgres), so between two statements the lane only puts the next one together. Once a batch
 * is stored the next one is sent before the stored one is answered. A request is answered when
 * `settle` resolves too (at a quiet moment after the group-state pass, under load at once: see
 * group-state/group-changes.ts); the lane does not wait for it, so storing and the pass run side by side.
 */
export function createIngestBatcher<R>({ store, settle, sizeOf, maxAlertsPerBatch, lingerMs = 0 }: { store: Store<R>; settle: () => Promise<void>; sizeOf: (request: R) => number; maxAlertsPerBatch: number; lingerMs?: number }) {
  const lanes = new Map<string, Lane<R>>();

  function takeBatch(lane: Lane<R>): Waiting<R>[] {
    const batch: Waiting<R>[] = [];
    let count = 0;
    while (lane.queue.length > 0) {
      const next = lane.queue[0]!;
      const size = sizeOf(next.request);
      if (batch.length > 0 && count + size > maxAlertsPerBatch) break;
      batch.push(lane.queue.shift()!);
      count += size;
    }
    return batch;
  }

  const answerOf = (waiting: Waiting<R>, groups: number): [Waiting<R>, IngestResult] => [waiting, { accepted: sizeOf(waiting.request), groups }];

  function answerWhenSettled(answers: [Waiting<R>, IngestResult][]) {
    if (answers.length === 0) return;
    void settle().then(() => {
      for (const [waiting, result] of answers) waiting.resolve(result);
    });
  }

  /** Stores a batch; resolves with the answers to give (failures are given at once). */
  async function storeBatch(lane: Lane<R>, batch: Waiting<R>[]): Promise<[Waiting<R>, IngestResult][]> {
    try {
      const { groups } = await store({ source: lane.source, requests: batch.map((waiting) => waiting.request) });
      return batch.map((waiting) => answerOf(waiting, groups));
    } catch (error) {
      // A database outage fails every request alike (each answered 503, so the monitor sends it
      // again); trying them one by one would only hold them longer.
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const waiting of batch) waiting.reject(error);
        return [];
      }
    }
    const answers: [Waiting<R>, IngestResult][] = [];
    for (const waiting of batch) answers.push(...(await storeBatch(lane, [waiting])));
    return answers;
  }

  async function drain(lane: Lane<R>) {
    lane.running = true;
    try {
      let stored: [Waiting<R>, IngestResult][] = [];
      while (lane.queue.length > 0) {
        const storing = storeBatch(lane, takeBatch(lane));
        // The next statement is on its way to Postgres before the previous batch's answers go out.
        const answers = stored;
        setImmediate(() => answerWhenSettled(answers));
        stored = await storing;
      }
      answerWhenSettled(stored);
    } finally {
      lane.running = false;
      lanes.delete(lane.source.id);
    }
  }

  return {
    submit(source: AlertSourceRow, request: R): Promise<IngestResult> {
      return new Promise<IngestResult>((resolve, reject) => {
        let lane = lanes.get(source.id);
        if (!lane) {
          lane = { source, queue: [], running: false };
          lanes.set(source.id, lane);
        }
        lane.queue.push({ request, resolve, reject });
        if (lane.running) return;
        lane.running = true;
        // A burst's requests arrive a few milliseconds apart: waiting that long for an idle lane lets
        // them share one statement instead of the first going alone.
        const idle = lane;
        if (lingerMs > 0) setTimeout(() => void drain(idle), lingerMs);
        else queueMicrotask(() => void drain(idle));
      });
    },
  };
}

export type IngestBatcher<R> = ReturnType<typeof createIngestBatcher<R>>;
