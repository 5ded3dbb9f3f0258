import type { NormalizedAlert } from './alerts.normalize';
import type { AlertSourceRow } from './alerts.table';

interface IngestResult {
  accepted: number;
  groups: number;
}

type Store = (input: { source: AlertSourceRow; alerts: NormalizedAlert[] }) => Promise<IngestResult>;

interface Waiting {
  alerts: NormalizedAlert[];
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  source: AlertSourceRow;
  queue: Waiting[];
  running: boolean;
}

/**
 * Group commit for webhooks. Requests from one source that arrive while that source's previous
 * batch is being stored wait and then go in together, in arrival order, in one statement. At low
 * load a batch is a single request delayed by at most `lingerMs`; under a storm one statement carries
 * hundreds of alerts, which is what lets ingest keep up with a monitor's burst. If a shared batch
 * fails, its requests are retried one by one so a bad request fails alone.
 *
 * A request is answered once its alerts are stored and `settle` resolves (at a quiet moment after
 * the group-state pass, under load at once: see alerts.group-changes.ts); the lane does not wait for
 * `settle` before storing the next batch, so storing and the group-state pass run side by side.
 */
export function createIngestBatcher({ store, settle, maxAlertsPerBatch, lingerMs = 0 }: { store: Store; settle: () => Promise<void>; maxAlertsPerBatch: number; lingerMs?: number }) {
  const lanes = new Map<string, Lane>();

  function takeBatch(lane: Lane): Waiting[] {
    const batch: Waiting[] = [];
    let count = 0;
    while (lane.queue.length > 0) {
      const next = lane.queue[0]!;
      if (batch.length > 0 && count + next.alerts.length > maxAlertsPerBatch) break;
      batch.push(lane.queue.shift()!);
      count += next.alerts.length;
    }
    return batch;
  }

  function answerWhenSettled(answers: [Waiting, IngestResult][]) {
    void settle().then(() => {
      for (const [waiting, result] of answers) waiting.resolve(result);
    });
  }

  async function runAlone(lane: Lane, waiting: Waiting) {
    try {
      answerWhenSettled([[waiting, await store({ source: lane.source, alerts: waiting.alerts })]]);
    } catch (error) {
      waiting.reject(error);
    }
  }

  async function drain(lane: Lane) {
    lane.running = true;
    try {
      while (lane.queue.length > 0) {
        const batch = takeBatch(lane);
        if (batch.length === 1) {
          await runAlone(lane, batch[0]!);
          continue;
        }
        try {
          const result = await store({ source: lane.source, alerts: batch.flatMap((waiting) => waiting.alerts) });
          answerWhenSettled(batch.map((waiting) => [waiting, { accepted: waiting.alerts.length, groups: result.groups }]));
        } catch {
          for (const waiting of batch) await runAlone(lane, waiting);
        }
      }
    } finally {
      lane.running = false;
      lanes.delete(lane.source.id);
    }
  }

  return {
    submit(source: AlertSourceRow, alerts: NormalizedAlert[]): Promise<IngestResult> {
      return new Promise<IngestResult>((resolve, reject) => {
        let lane = lanes.get(source.id);
        if (!lane) {
          lane = { source, queue: [], running: false };
          lanes.set(source.id, lane);
        }
        lane.queue.push({ alerts, resolve, reject });
        if (lane.running) return;
        lane.running = true;
        // A burst's requests arrive a few milliseconds apart: waiting that long for an idle lane lets
        // them share one transaction instead of the first going alone.
        const idle = lane;
        if (lingerMs > 0) setTimeout(() => void drain(idle), lingerMs);
        else queueMicrotask(() => void drain(idle));
      });
    },
  };
}

export type IngestBatcher = ReturnType<typeof createIngestBatcher>;
