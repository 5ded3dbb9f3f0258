import { describe, expect, it } from 'vitest';
import { createIngestBatcher } from './alerts.ingest-batcher';
import type { NormalizedAlert } from './alerts.normalize';
import type { AlertSourceRow } from './alerts.table';

const source = { id: 'source-1' } as AlertSourceRow;
const alerts = (...fingerprints: string[]) => fingerprints.map((fingerprint) => ({ fingerprint }) as NormalizedAlert);

/** An ingest that records each call and finishes when the test says so. */
function controlledIngest() {
  const calls: { fingerprints: string[]; finish: (error?: Error) => void }[] = [];
  const ingest = ({ alerts: list }: { alerts: NormalizedAlert[] }) =>
    new Promise<{ accepted: number; groups: number }>((resolve, reject) => {
      calls.push({ fingerprints: list.map((alert) => alert.fingerprint), finish: (error) => (error ? reject(error) : resolve({ accepted: list.length, groups: 1 })) });
    });
  return { calls, ingest };
}

const settle = () => Promise.resolve();
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('webhook group commit (rule F1: every alert recorded, storms included)', () => {
  it('a request at a quiet moment is stored alone and at once', async () => {
    const { calls, ingest } = controlledIngest();
    const batcher = createIngestBatcher({ store: ingest, settle, maxAlertsPerBatch: 100 });
    const answer = batcher.submit(source, alerts('a', 'b'));
    await tick();
    expect(calls.map((call) => call.fingerprints)).toEqual([['a', 'b']]);
    calls[0]!.finish();
    expect(await answer).toEqual({ accepted: 2, groups: 1 });
  });

  it('requests arriving during a store go together in the next one, in arrival order, each answered with its own count', async () => {
    const { calls, ingest } = controlledIngest();
    const batcher = createIngestBatcher({ store: ingest, settle, maxAlertsPerBatch: 100 });
    const first = batcher.submit(source, alerts('a'));
    await tick();
    const second = batcher.submit(source, alerts('b', 'c'));
    const third = batcher.submit(source, alerts('d'));
    calls[0]!.finish();
    await tick();
    expect(calls.map((call) => call.fingerprints)).toEqual([['a'], ['b', 'c', 'd']]);
    calls[1]!.finish();
    expect(await Promise.all([first, second, third])).toEqual([
      { accepted: 1, groups: 1 },
      { accepted: 2, groups: 1 },
      { accepted: 1, groups: 1 },
    ]);
  });

  it('a batch never grows past its limit', async () => {
    const { calls, ingest } = controlledIngest();
    const batcher = createIngestBatcher({ store: ingest, settle, maxAlertsPerBatch: 3 });
    void batcher.submit(source, alerts('a'));
    await tick();
    void batcher.submit(source, alerts('b', 'c'));
    void batcher.submit(source, alerts('d', 'e'));
    calls[0]!.finish();
    await tick();
    calls[1]!.finish();
    await tick();
    expect(calls.map((call) => call.fingerprints)).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('when a shared store fails, each request is retried alone so only the bad one fails', async () => {
    const { calls, ingest } = controlledIngest();
    const batcher = createIngestBatcher({ store: ingest, settle, maxAlertsPerBatch: 100 });
    void batcher.submit(source, alerts('a'));
    await tick();
    const good = batcher.submit(source, alerts('good'));
    const bad = batcher.submit(source, alerts('bad'));
    calls[0]!.finish();
    await tick();
    calls[1]!.finish(new Error('bad alert'));
    await tick();
    calls[2]!.finish();
    await tick();
    calls[3]!.finish(new Error('bad alert'));
    expect(await good).toEqual({ accepted: 1, groups: 1 });
    await expect(bad).rejects.toThrow('bad alert');
  });

  it('with a linger, requests of a burst that reach an idle lane together share the first store', async () => {
    const { calls, ingest } = controlledIngest();
    const batcher = createIngestBatcher({ store: ingest, settle, maxAlertsPerBatch: 100, lingerMs: 5 });
    void batcher.submit(source, alerts('a'));
    void batcher.submit(source, alerts('b'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.map((call) => call.fingerprints)).toEqual([['a', 'b']]);
  });
});
