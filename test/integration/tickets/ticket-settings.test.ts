import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

const slow = { timeout: 180_000 };

const printerReport = { category: 'printer', title: '打印机卡纸', description: '2 楼打印机一直卡纸', impact: 'team', urgency: 'medium' };

const putCategory = (t: TestApp, headers: Record<string, string>, code: string, payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: `/api/v1/ticket-categories/${code}`, headers, payload });
const node = (name: string, parentCode: string | null = null, active = true) => ({ parentCode, name: { zh: name, en: name }, sortOrder: 5, active });

async function auditActions(t: TestApp, headers: Record<string, string>, action: string) {
  return (await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=${action}`, headers })).json().items as { summary: unknown }[];
}

describe('ticket categories and SLA settings', () => {
  it('R5: a new installation has the default categories plus 监控告警; IT admins grow the tree, everyone reads it, and reports must name an active category', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const wang = await t.loginAs(demo.itLead);

    const seeded = (await t.app.inject({ method: 'GET', url: '/api/v1/ticket-categories', headers: zhang.headers })).json().items;
    expect(seeded.map((item: { code: string }) => item.code)).toEqual(['dingtalk', 'network', 'vpn', 'email', 'printer', 'computer', 'meeting_room', 'account', 'software', 'other', 'monitoring']);
    expect(seeded.find((item: { code: string }) => item.code === 'meeting_room')).toEqual({ code: 'meeting_room', parentCode: null, name: { zh: '会议室设备', en: 'Meeting room equipment' }, sortOrder: 70, active: true });
    expect(seeded.find((item: { code: string }) => item.code === 'monitoring').name).toEqual({ zh: '监控告警', en: 'Monitoring alert' });

    // Three levels, each under an existing parent.
    expect((await putCategory(t, wang.headers, 'wifi', node('无线网络', 'network'))).statusCode).toBe(200);
    expect((await putCategory(t, wang.headers, 'guest_wifi', node('访客 Wi-Fi', 'wifi'))).json()).toMatchObject({ code: 'guest_wifi', parentCode: 'wifi', name: { zh: '访客 Wi-Fi' } });
    for (const [code, body] of [
      ['guest_portal', node('认证页', 'guest_wifi')],
      ['lan', node('有线', 'no_such_parent')],
      ['network', node('网络', 'guest_wifi')],
    ] as const) {
      const refused = await putCategory(t, wang.headers, code, body);
      expect(refused.statusCode, code).toBe(400);
      expect(problemOf(refused).errors?.map((error) => error.path)).toEqual(['body.parentCode']);
    }
    const badName = await putCategory(t, wang.headers, 'lan', { ...node('有线'), name: { zh: '', en: 'LAN' } });
    expect(problemOf(badName).errors?.map((error) => error.path)).toEqual(['body.name.zh']);
    expect((await putCategory(t, lina.headers, 'lan', node('有线'))).statusCode).toBe(403);
    expect((await putCategory(t, zhang.headers, 'lan', node('有线'))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/ticket-categories' })).statusCode).toBe(401);

    // Deactivated: gone from the list and from new reports, still there for IT with ?all=true.
    expect((await putCategory(t, wang.headers, 'guest_wifi', node('访客 Wi-Fi', 'wifi', false))).json().active).toBe(false);
    const active = (await t.app.inject({ method: 'GET', url: '/api/v1/ticket-categories?all=true', headers: zhang.headers })).json().items.map((item: { code: string }) => item.code);
    expect(active).toContain('wifi');
    expect(active).not.toContain('guest_wifi');
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/ticket-categories?all=true', headers: lina.headers })).json().items.map((item: { code: string }) => item.code);
    expect(all).toContain('guest_wifi');

    for (const category of ['guest_wifi', 'no_such_category']) {
      const refused = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: { ...printerReport, category } });
      expect(refused.statusCode).toBe(400);
      expect(problemOf(refused).errors?.map((error) => error.path)).toEqual(['body.category']);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: zhang.headers })).json().items).toEqual([]);
    const wifiTicket = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: { ...printerReport, category: 'wifi', title: '无线网络连不上' } });
    expect(wifiTicket.statusCode).toBe(201);

    // S5: each change is audited with before and after.
    const created = await auditActions(t, wang.headers, 'tickets.category_created');
    expect(created).toHaveLength(2);
    expect(await auditActions(t, wang.headers, 'tickets.category_changed')).toHaveLength(1);
  });

  it('the IT group card shows the category’s Chinese name from the tree, renamed or new', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const wang = await t.loginAs(demo.itLead);
    await putCategory(t, wang.headers, 'printer', { ...node('打印复印设备'), sortOrder: 50 });
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: printerReport })).json();
    await t.drainOutbox();
    const card = JSON.stringify(await t.sandboxApi(`/cards/ticket-${ticket.id}`));
    expect(card).toContain('打印复印设备');
  });

  it('F4: IT admins set holidays (法定节假日) and make-up days (调休); a level-2 ticket reported on the eve of a holiday is due after it', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const wang = await t.loginAs(demo.itLead);

    const defaults = (await t.app.inject({ method: 'GET', url: '/api/v1/ticket-sla-settings', headers: zhang.headers })).json();
    expect(defaults).toMatchObject({ calendar: { utcOffsetMinutes: 480, workdays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080, holidays: [], extraWorkdays: [] }, targets: { '1': { responseMinutes: 15 }, '2': { resolutionMinutes: 480, businessHoursOnly: true } } });

    // The test clock stands at Saturday 2026-11-28 16:00 Beijing time; the holiday is Monday 30 November.
    const settings = {
      ...defaults,
      calendar: { ...defaults.calendar, holidays: [{ date: '2026-11-30', name: '公司庆典' }], extraWorkdays: [] },
      targets: { ...defaults.targets, '2': { responseMinutes: 60, resolutionMinutes: 480, businessHoursOnly: true } },
    };
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/ticket-sla-settings', headers: wang.headers, payload: { ...settings, calendar: { ...settings.calendar, startMinute: 1100 } } });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.map((error) => error.path)).toEqual(['body.calendar.endMinute']);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/ticket-sla-settings', headers: lina.headers, payload: settings })).statusCode).toBe(403);
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/ticket-sla-settings', headers: wang.headers, payload: settings });
    expect(saved.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/ticket-sla-settings', headers: zhang.headers })).json().calendar.holidays).toEqual([{ date: '2026-11-30', name: '公司庆典' }]);

    // Sunday evening, the eve of the holiday: the clock starts Tuesday 09:00.
    t.clock.advance(28 * 3600_000);
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: printerReport })).json();
    expect(ticket.level).toBe(2);
    expect(ticket.responseDueAt).toBe('2026-12-01T02:00:00.000Z');
    expect(ticket.resolutionDueAt).toBe('2026-12-01T09:00:00.000Z');
    expect(await auditActions(t, wang.headers, 'tickets.sla_settings_changed')).toHaveLength(1);
  });
});
