import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp } from '../../support/test-app';
import { auditActions, itPeople } from './support';

describe('sandbox demo on-call (DEMO.md story step 4)', { timeout: 120_000 }, () => {
  it('F4: an empty installation gets "IT 值班" with 陈刚 on call this week, 李娜 next, and the default policy', async () => {
    const t = await buildTestApp();
    const { lina, admin } = await itPeople(t);
    const now = (await t.app.inject({ method: 'GET', url: '/api/v1/oncall/now', headers: lina.headers })).json();
    expect(now.items).toEqual([
      expect.objectContaining({ scheduleName: 'IT 值班', isDefault: true, primary: expect.objectContaining({ dingtalkUserId: demo.onCall, name: '陈刚' }), secondary: expect.objectContaining({ dingtalkUserId: demo.itStaff }) }),
    ]);
    const policies = (await t.app.inject({ method: 'GET', url: '/api/v1/oncall/policies', headers: lina.headers })).json();
    expect(policies.items).toEqual([
      expect.objectContaining({
        isDefault: true,
        steps: [
          { afterMinutes: 0, notify: ['oncall_primary'] },
          { afterMinutes: 5, notify: ['oncall_secondary'] },
          { afterMinutes: 15, notify: ['it_leads', 'leadership_group'] },
        ],
      }),
    ]);
    expect(await auditActions(t, admin.headers, 'oncall.demo_seeded')).toHaveLength(1);
  });

  it('seeding is idempotent: repeated and concurrent first uses leave one schedule and one policy', async () => {
    const t = await buildTestApp();
    const { lina } = await itPeople(t);
    await Promise.all([t.app.oncall.onCall({ at: t.clock.now() }), t.app.oncall.policy(null), t.app.inject({ method: 'GET', url: '/api/v1/oncall/schedules', headers: lina.headers })]);
    const schedules = (await t.app.inject({ method: 'GET', url: '/api/v1/oncall/schedules', headers: lina.headers })).json();
    const policies = (await t.app.inject({ method: 'GET', url: '/api/v1/oncall/policies', headers: lina.headers })).json();
    expect(schedules.items).toHaveLength(1);
    expect(schedules.items[0].members.map((member: { name: string }) => member.name)).toEqual(['陈刚', '李娜', '孙悦']);
    expect(policies.items).toHaveLength(1);
  });

  it('the demo rotation hands over to 李娜 on Monday 09:00 Beijing time (fake clock)', async () => {
    const t = await buildTestApp();
    // The test clock starts Saturday 2026-11-28 16:00 Beijing.
    expect((await t.app.oncall.onCall({ at: t.clock.now() })).primary.map((person) => person.dingtalkUserId)).toEqual([demo.onCall]);
    t.clock.advance((41 * 60 - 1) * 60_000);
    expect((await t.app.oncall.onCall({ at: t.clock.now() })).primary.map((person) => person.name)).toEqual(['陈刚']);
    t.clock.advance(60_000);
    const handedOver = await t.app.oncall.onCall({ at: t.clock.now() });
    expect(handedOver.primary.map((person) => person.name)).toEqual(['李娜']);
    expect(handedOver.secondary.map((person) => person.name)).toEqual(['孙悦']);
  });

  it('outside sandbox seeding there is nothing on call and the built-in default policy applies', async () => {
    const t = await buildTestApp({ SANDBOX_SEED_DEMO: 'false' });
    expect(await t.app.oncall.onCall({ scheduleId: null, at: t.clock.now() })).toEqual({ primary: [], secondary: [] });
    expect((await t.app.oncall.policy(null)).steps.map((step) => step.afterMinutes)).toEqual([0, 5, 15]);
  });

  it('F4: a seed DingTalk refuses (throttled) is tried again once it recovers, without piling calls onto DingTalk meanwhile', async () => {
    const t = await buildTestApp();
    const userGet = () => t.sandbox!.state.requests.count('POST', '/topapi/v2/user/get');
    await t.sandboxApi('/faults', { method: 'PUT', body: { throttle: true } });
    expect(await t.app.oncall.onCall({ at: t.clock.now() })).toEqual({ primary: [], secondary: [] });
    const tried = userGet();
    expect(tried).toBeGreaterThan(0);
    // A storm asks again and again: within the back-off nobody calls DingTalk.
    await Promise.all(Array.from({ length: 20 }, () => t.app.oncall.onCall({ at: t.clock.now() })));
    expect(userGet()).toBe(tried);

    await t.sandboxApi('/faults', { method: 'PUT', body: {} });
    t.clock.advance(60_000);
    const onCall = await t.app.oncall.onCall({ at: t.clock.now() });
    expect(onCall.primary.map((person) => person.name)).toEqual(['陈刚']);
    expect(onCall.secondary.map((person) => person.name)).toEqual(['李娜']);
  });
});
