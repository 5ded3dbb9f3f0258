import { describe, expect, it } from 'vitest';
import { createIngestBatcher } from './ingest-batcher';
import type { AlertSourceRow } from '../alerts.table';

const source = { id: 'source-1' } as AlertSourceRow;
/** A request as the batcher sees it: here just the fingerprints it carries. */
const alerts = (...fingerprints: string[]) => fingerprints;

/** A store that records each call and finishes when the test says so. */
function controlledStore() {
  const calls: { fingerprints: string[]; finish: (error?: Error) => void }[] = [];
  const store = ({ requests }: { requests: string[][] }) =>
    new Promise<{ groups: number }>((resolve, reject) => {
      calls.push({ fingerprints: requests.flat(), finish: (error) => (error ? reject(error) : resolve({ groups: 1 })) });
    });
  return { calls, store };
}

const settle = () => Promise.resolve();
const sizeOf = (request: string[]) => request.length;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('webhook group commit (rule F1: every alert recorded, storms included)', () => {
  it('a request at a quiet moment is stored alone and at once', async () => {
    const { calls, store } = controlledStore();
    const batcher = createIngestBatcher({ store, settle, sizeOf, maxAlertsPerBatch: 100 });
    const answer = batcher.submit(source, alerts('a', 'b'));
    await tick();
    expect(calls.map((call) => call.fingerprints)).toEqual([['a', 'b']]);
    calls[0]!.finish();
    expect(await answer).toEqual({ accepted: 2, groups: 1 });
  });

  it('requests arriving during a store go together in the next one, in arrival order, each answered with its own count', async () => {
    const { calls, store } = controlledStore();
    const batcher = createIngestBatcher({ store, settle, sizeOf, maxAlertsPerBatch: 100 });
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

  it('the next batch is sent before the stored one is answered (answering does not hold up Postgres)', async () => {
    const order: string[] = [];
    const finishers: (() => void)[] = [];
    const store = ({ requests }: { requests: string[][] }) => {
      order.push(`${requests.flat().join()} sent`);
      return new Promise<{ groups: number }>((resolve) => finishers.push(() => resolve({ groups: 1 })));
    };
    const batcher = createIngestBatcher({ store, settle, sizeOf, maxAlertsPerBatch: 100 });
    void batcher.submit(source, alerts('a')).then(() => order.push('a answered'));
    await tick();
    void batcher.submit(source, alerts('b'));
    finishers[0]!();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['a sent', 'b sent', 'a answered']);
  });

  it('a batch never grows past its limit', async () => {
    const { calls, store } = controlledStore();
    const batcher = createIngestBatcher({ store, settle, sizeOf, maxAlertsPerBatch: 3 });
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
    const { calls, store } = controlledStore();
    const batcher = createIngestBatcher({ store, settle, sizeOf, maxAlertsPerBatch: 100 });
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

  it('P2: when the database is away a shared batch fails as a whole at once, and the lane stores the next request once it is back', async () => {
    const { calls, store } = controlledStore();
    const batcher = createIngestBatcher({ store, settle, sizeOf, maxAlertsPerBatch: 100 });
    void batcher.submit(source, alerts('a'));
    await tick();
    const during = [batcher.submit(source, alerts('b')), batcher.submit(source, alerts('c'))];
    calls[0]!.finish();
    await tick();
    const restart = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
    calls[1]!.finish(restart);
    await expect(during[0]).rejects.toThrow('administrator command');
    await expect(during[1]).rejects.toThrow('administrator command');
    expect(calls).toHaveLength(2);

    const after = batcher.submit(source, alerts('d'));
    await tick();
    calls[2]!.finish();
    expect(await after).toEqual({ accepted: 1, groups: 1 });
  });

  it('with a linger, requests of a burst that reach an idle lane together share the first store', async () => {
    const { calls, store } = controlledStore();
    const batcher = createIngestBatcher({ store, settle, sizeOf, maxAlertsPerBatch: 100, lingerMs: 5 });
    void batcher.submit(source, alerts('a'));
    void batcher.submit(source, alerts('b'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.map((call) => call.fingerprints)).toEqual([['a', 'b']]);
  });
});
