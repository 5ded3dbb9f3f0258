import { describe, expect, it } from 'vitest';
import { createGroupChangeRunner } from './group-changes';

/** A pass that records when it ran and finishes when the test says so. */
function controlledPasses() {
  const passes: { finish: () => void }[] = [];
  const apply = () =>
    new Promise<number>((resolve) => {
      passes.push({ finish: () => resolve(0) });
    });
  return { passes, apply };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the group-state pass runner (group-changes.ts)', () => {
  it('a flush at a quiet moment starts a pass at once and resolves when it ends', async () => {
    const { passes, apply } = controlledPasses();
    const runner = createGroupChangeRunner({ apply, batchSize: 100, onError: () => undefined });
    let done = false;
    void runner.flush().then(() => (done = true));
    await tick();
    expect(passes).toHaveLength(1);
    expect(done).toBe(false);
    passes[0]!.finish();
    await tick();
    expect(done).toBe(true);
  });

  it('a flush while a pass runs waits for a new pass after it (the running one may have missed its batch); flushes meanwhile share it', async () => {
    const { passes, apply } = controlledPasses();
    const runner = createGroupChangeRunner({ apply, batchSize: 100, onError: () => undefined });
    void runner.flush();
    await tick();
    let second = false;
    let third = false;
    void runner.flush().then(() => (second = true));
    void runner.flush().then(() => (third = true));
    passes[0]!.finish();
    await tick();
    expect(passes).toHaveLength(2);
    expect([second, third]).toEqual([false, false]);
    passes[1]!.finish();
    await tick();
    expect([second, third]).toEqual([true, true]);
  });

  it('settle waits for the pass when idle and returns at once when a pass is running (that pass is followed by another)', async () => {
    const { passes, apply } = controlledPasses();
    const runner = createGroupChangeRunner({ apply, batchSize: 100, onError: () => undefined });
    let idleSettled = false;
    void runner.settle().then(() => (idleSettled = true));
    await tick();
    expect(idleSettled).toBe(false);
    let busySettled = false;
    void runner.settle().then(() => (busySettled = true));
    await tick();
    expect(busySettled).toBe(true);
    passes[0]!.finish();
    await tick();
    expect(idleSettled).toBe(true);
    expect(passes).toHaveLength(2);
  });

  it('a failing pass is reported, not thrown at the batches waiting for it', async () => {
    const errors: unknown[] = [];
    const runner = createGroupChangeRunner({ apply: () => Promise.reject(new Error('deadlock')), batchSize: 100, onError: (error) => errors.push(error) });
    await expect(runner.flush()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
  it('under load a pass that took in many changes is followed by a longer wait; a trickle keeps the short one', async () => {
    const started: number[] = [];
    let pending = 200;
    const apply = async () => {
      started.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 5));
      const taken = pending;
      pending = 2;
      return taken;
    };
    const runner = createGroupChangeRunner({ apply, batchSize: 1000, onError: () => undefined, minIntervalMs: 10, maxIntervalMs: 1000, msPerChange: 0.5 });
    void runner.flush();
    await tick();
    // Asked for while the first pass (200 changes) runs: it starts 200 × 0.5 = 100 ms after the first.
    await runner.flush();
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(95);
    // That one took 2 changes: the next asked for meanwhile keeps the 10 ms floor.
    void runner.flush();
    await tick();
    await runner.flush();
    expect(started[3]! - started[2]!).toBeLessThan(60);
  });
});
