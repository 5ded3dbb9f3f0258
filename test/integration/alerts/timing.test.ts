import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { cardOf, createSource, erpDown, groupsOf, post } from './alerts-fixture';

const url = '/api/v1/alerts/timing';
const defaults = {
  level1: { groupWaitSeconds: 0, groupIntervalSeconds: 60, repeatIntervalMinutes: 30 },
  level2: { groupWaitSeconds: 30, groupIntervalSeconds: 60, repeatIntervalMinutes: 240 },
  level3: { groupWaitSeconds: 0, groupIntervalSeconds: 60, repeatIntervalMinutes: 0 },
};
const erpSlow = { labels: { alertname: 'ErpSlow', service: 'erp', instance: 'app1', severity: 'warning' } };

async function reminders(t: TestApp) {
  const { items } = await t.sandboxApi<{ items: unknown[] }>(`/conversations/${encodeURIComponent(demoGroupIds['it-oncall'])}/messages`);
  return items.map((item) => JSON.stringify(item)).filter((text) => text.includes('仍未处理'));
}

async function repeatEvents(t: TestApp, headers: Record<string, string>, id: string) {
  const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${id}`, headers })).json() as { timeline: { kind: string }[] };
  return detail.timeline.filter((event) => event.kind === 'repeat').length;
}

describe('notification timing per level (通知节奏) and repeat reminders', { timeout: 60_000 }, () => {
  it('IT reads the timing (defaults from the config), IT admins change it; out-of-range values name the field; the change is audited and applies per level', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const lina = await t.loginAs(demo.itStaff);
    const zhang = await t.loginAs(demo.employee);

    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: zhang.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url, headers: lina.headers })).json()).toEqual({ ...defaults, updatedAt: null, updatedBy: null });
    expect((await t.app.inject({ method: 'PUT', url, headers: lina.headers, payload: defaults })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PUT', url, headers: source.admin.headers, payload: { ...defaults, level2: { ...defaults.level2, groupWaitSeconds: 3601 } } });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.[0]?.path).toBe('body.level2.groupWaitSeconds');
    const tooRare = await t.app.inject({ method: 'PUT', url, headers: source.admin.headers, payload: { ...defaults, level1: { ...defaults.level1, repeatIntervalMinutes: 7 * 24 * 60 + 1 } } });
    expect(problemOf(tooRare).errors?.[0]?.path).toBe('body.level1.repeatIntervalMinutes');

    // Level 1 now waits two minutes for its group; level 2 goes at once.
    const timing = { ...defaults, level1: { ...defaults.level1, groupWaitSeconds: 120 }, level2: { ...defaults.level2, groupWaitSeconds: 0 } };
    const saved = await t.app.inject({ method: 'PUT', url, headers: source.admin.headers, payload: timing });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ...timing, updatedBy: expect.any(String) });
    expect((await t.app.inject({ method: 'GET', url, headers: lina.headers })).json()).toMatchObject(timing);
    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=50', headers: source.admin.headers })).json() as { items: { action: string }[] };
    expect(audit.items.map((entry) => entry.action)).toContain('alerts.timing_updated');

    await post(t, source.token, [erpDown('db1'), erpSlow]);
    await t.drainOutbox();
    const groups = await groupsOf(t, source.admin.headers);
    const critical = groups.find((group) => group.level === 1)!;
    const warning = groups.find((group) => group.level === 2)!;
    expect(await cardOf(t, critical.id)).toBeNull();
    expect(await cardOf(t, warning.id)).not.toBeNull();
    t.clock.advance(121_000);
    await t.app.scheduler.runNow('alerts.flush_cards');
    await t.drainOutbox();
    expect(await cardOf(t, critical.id)).not.toBeNull();
  });

  it('a level-1 group nobody acknowledges is reminded once after 30 minutes with its on-call @-mentioned, and not again before the next 30; a second run repeats nothing', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    await post(t, source.token, [erpDown('db1')]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, source.admin.headers);

    t.clock.advance(29 * 60_000);
    await t.app.scheduler.runNow('alerts.repeat');
    await t.drainOutbox();
    expect(await reminders(t)).toHaveLength(0);

    t.clock.advance(2 * 60_000);
    await t.app.scheduler.runNow('alerts.repeat');
    await t.app.scheduler.runNow('alerts.repeat');
    await t.drainOutbox();
    const [first] = await reminders(t);
    expect(await reminders(t)).toHaveLength(1);
    expect(first).toContain('仍未处理：ErpDatabaseDown，已持续 31 分钟');
    expect(first).toMatch(/@\S+/);
    expect(first).toContain(`/alerts/groups/${group!.id}`);
    expect(await repeatEvents(t, source.admin.headers, group!.id)).toBe(1);
    expect((await cardOf(t, group!.id))?.updates.length).toBeGreaterThan(0);

    t.clock.advance(20 * 60_000);
    await t.app.scheduler.runNow('alerts.repeat');
    await t.drainOutbox();
    expect(await reminders(t)).toHaveLength(1);

    t.clock.advance(11 * 60_000);
    await t.app.scheduler.runNow('alerts.repeat');
    await t.drainOutbox();
    expect(await reminders(t)).toHaveLength(2);
    expect(await repeatEvents(t, source.admin.headers, group!.id)).toBe(2);
  });

  it('level 2 is reminded after 4 hours without @; an acknowledged group never is', async () => {
    const t = await buildTestApp({ ALERTS_GROUP_WAIT_SECONDS: '0' });
    const source = await createSource(t);
    const lina = await t.loginAs(demo.itStaff);
    await post(t, source.token, [erpSlow, { labels: { alertname: 'OaSlow', service: 'oa', instance: 'oa1', severity: 'warning' } }]);
    await t.drainOutbox();
    const groups = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups', headers: lina.headers })).json().items as { id: string; title: string }[];
    const oa = groups.find((group) => group.title === 'OaSlow')!;
    const other = groups.find((group) => group.title === 'ErpSlow')!;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/alerts/groups/${oa.id}/actions`, headers: lina.headers, payload: { action: 'acknowledge' } })).statusCode).toBe(200);

    t.clock.advance(239 * 60_000);
    await t.app.scheduler.runNow('alerts.repeat');
    await t.drainOutbox();
    expect(await reminders(t)).toHaveLength(0);

    t.clock.advance(2 * 60_000);
    await t.app.scheduler.runNow('alerts.repeat');
    await t.drainOutbox();
    const sent = await reminders(t);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/@/);
    expect(await repeatEvents(t, source.admin.headers, other.id)).toBe(1);
    expect(await repeatEvents(t, source.admin.headers, oa.id)).toBe(0);
  });
});
