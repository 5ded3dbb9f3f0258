import { describe, expect, it } from 'vitest';
import { scheduledJobs } from '../../../server/src/platform/scheduler/scheduler.table';
import { demo } from '../../support/demo-people';
import { testDatabaseKind } from '../../support/test-database';
import { buildTestApp, problemOf } from '../../support/test-app';

const daily = '0 2 * * *';

describe('scheduler', () => {
  it('a job run by an admin is recorded with its result and listed, and the request is audited', async () => {
    const t = await buildTestApp();
    let runs = 0;
    t.app.scheduler.register({ name: 'demo.count', cron: daily, run: async () => `run ${++runs}` });
    const admin = await t.loginAs(demo.itLead);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/ops/jobs/demo.count/run', headers: admin.headers });
    expect(response.json()).toEqual({ name: 'demo.count', ran: true, status: 'succeeded' });

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/ops/job-runs?job=demo.count', headers: admin.headers })).json();
    expect(list.items).toEqual([expect.objectContaining({ job: 'demo.count', trigger: 'manual', status: 'succeeded', result: 'run 1', finishedAt: expect.any(String) })]);
    const trail = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=scheduler.job_run_requested', headers: admin.headers })).json();
    expect(trail.items).toHaveLength(1);
  });

  it('a failing job is recorded as failed with its error', async () => {
    const t = await buildTestApp();
    t.app.scheduler.register({ name: 'demo.fail', cron: daily, run: async () => Promise.reject(new Error('disk full')) });
    const admin = await t.loginAs(demo.itLead);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/ops/jobs/demo.fail/run', headers: admin.headers })).json().status).toBe('failed');
    // Filtered: the app's own jobs run on the real clock too (probes every 10 s) and may list first.
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/ops/job-runs?job=demo.fail', headers: admin.headers })).json();
    expect(list.items[0]).toMatchObject({ job: 'demo.fail', status: 'failed', error: 'disk full' });
  });

  it('a job missed while every instance was down runs once on start, and only once', async () => {
    const t = await buildTestApp();
    let runs = 0;
    t.app.scheduler.register({ name: 'demo.nightly', cron: daily, run: async () => void runs++ });
    // Known since three days ago, never run since: two 02:00 runs were missed.
    await t.database.db.insert(scheduledJobs).values({ name: 'demo.nightly', cron: daily, registeredAt: new Date(t.clock.now().getTime() - 3 * 86_400_000) });
    await t.app.ready();
    expect(runs).toBe(1);
    const admin = await t.loginAs(demo.itLead);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/ops/job-runs?job=demo.nightly', headers: admin.headers })).json();
    expect(list.items.map((run: { trigger: string }) => run.trigger)).toEqual(['catch_up']);
  });

  it('a newly registered job has nothing to catch up', async () => {
    const t = await buildTestApp();
    let runs = 0;
    t.app.scheduler.register({ name: 'demo.fresh', cron: '*/5 * * * *', run: async () => void runs++ });
    await t.app.ready();
    expect(runs).toBe(0);
  });

  it('two overlapping triggers of one job run it once (the advisory lock)', async () => {
    const t = await buildTestApp();
    let runs = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    t.app.scheduler.register({ name: 'demo.slow', cron: daily, run: async () => { runs += 1; await gate; } });
    await t.app.ready();
    const first = t.app.scheduler.runNow('demo.slow');
    const second = await t.app.scheduler.runNow('demo.slow');
    release();
    expect(second).toEqual({ ran: false });
    expect(await first).toEqual({ ran: true, status: 'succeeded' });
    expect(runs).toBe(1);
  });

  // Postgres only: the PGlite tier's test apps share one in-process database.
  it.runIf(testDatabaseKind === 'postgres')('deployments in different schemas of one database run the same job side by side (the lock is per schema)', async () => {
    const [a, b] = await Promise.all([buildTestApp(), buildTestApp()]);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    for (const t of [a, b]) t.app.scheduler.register({ name: 'demo.shared_name', cron: daily, run: () => gate });
    await Promise.all([a.app.ready(), b.app.ready()]);
    const first = a.app.scheduler.runNow('demo.shared_name');
    const second = b.app.scheduler.runNow('demo.shared_name');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await Promise.all([first, second])).toEqual([
      { ran: true, status: 'succeeded' },
      { ran: true, status: 'succeeded' },
    ]);
  });

  it('an unknown job is a 404 problem', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/ops/jobs/nope/run', headers: admin.headers });
    expect(response.statusCode).toBe(404);
    expect(problemOf(response).code).toBe('operations.job_not_found');
  });

  it('runs older than 30 days are pruned nightly, but each job keeps its newest run (catch-up reads it)', async () => {
    const t = await buildTestApp();
    t.app.scheduler.register({ name: 'demo.often', cron: daily, run: async () => 'ok' });
    t.app.scheduler.register({ name: 'demo.rare', cron: daily, run: async () => 'ok' });
    await t.app.scheduler.runNow('demo.rare');
    await t.app.scheduler.runNow('demo.often');
    t.clock.advance(40 * 86_400_000);
    await t.app.scheduler.runNow('demo.often');
    await t.app.scheduler.runNow('scheduler.prune_runs');
    const admin = await t.loginAs(demo.itLead);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/ops/job-runs?limit=100', headers: admin.headers })).json();
    const left = list.items.map((run: { job: string }) => run.job).filter((job: string) => job.startsWith('demo.'));
    expect(left.sort()).toEqual(['demo.often', 'demo.rare']);
    expect(list.items.find((run: { job: string }) => run.job === 'scheduler.prune_runs')?.result).toBe('pruned 1 (started over 30 days ago)');
  });
});
