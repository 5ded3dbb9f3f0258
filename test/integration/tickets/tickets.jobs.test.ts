import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, type TestApp } from '../../support/test-app';

const urgent = { category: 'dingtalk', title: '钉钉全员无法登录', description: '所有人登录钉钉都提示网络错误', impact: 'company', urgency: 'high' };

async function reportAndResolve(t: TestApp) {
  const zhang = await t.loginAs(demo.employee);
  const lina = await t.loginAs(demo.itStaff);
  const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: urgent })).json();
  await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/transitions`, headers: lina.headers, payload: { action: 'accept' } });
  await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/transitions`, headers: lina.headers, payload: { action: 'resolve', resolution: '重启认证服务' } });
  return { ticket, zhang, lina };
}

async function runJob(t: TestApp, name: string): Promise<{ status: string; result: string | null }> {
  const { headers } = await t.loginAs(demo.itLead);
  const run = (await t.app.inject({ method: 'POST', url: `/api/v1/ops/jobs/${name}/run`, headers })).json();
  const latest = (await t.app.inject({ method: 'GET', url: `/api/v1/ops/job-runs?job=${name}&limit=1`, headers })).json().items[0];
  return { status: run.status, result: latest?.result ?? null };
}

async function directMessages(t: TestApp, userId: string) {
  return (await t.sandboxApi<{ items: { kind: string; outTrackId?: string }[] }>(`/direct-messages?userId=${userId}`)).items;
}

describe('ticket jobs and the satisfaction card', () => {
  it('F4: a resolved ticket the reporter does not confirm closes itself after three days, and the reporter gets a rating card', async () => {
    const t = await buildTestApp();
    const { ticket, zhang } = await reportAndResolve(t);
    expect((await runJob(t, 'tickets.auto_close')).status).toBe('succeeded');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: zhang.headers })).json().status).toBe('resolved');

    t.clock.advance(3 * 86_400_000 + 60_000);
    await runJob(t, 'tickets.auto_close');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: zhang.headers })).json();
    expect(detail.status).toBe('closed');
    expect(detail.timeline.at(-1)).toMatchObject({ actor: { name: 'DingOps' }, toStatus: 'closed', note: expect.stringContaining('自动关闭') });
    await t.drainOutbox();
    expect((await directMessages(t, demo.employee)).map((item) => item.outTrackId)).toContain(`ticket-${ticket.id}-rating`);
  });

  it('the reporter rates the service with one tap on the card; the first rating counts, other people’s taps do nothing', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    await t.app.inbox.whenConnected();
    const { ticket, zhang } = await reportAndResolve(t);
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/transitions`, headers: zhang.headers, payload: { action: 'confirm' } });
    await t.drainOutbox();

    await t.sandboxApi(`/cards/ticket-${ticket.id}-rating/click`, { method: 'POST', body: { userId: demo.employee, action: 'rate-5' } });
    for (let i = 0; i < 100 && (await t.app.inbox.runOnce()) === 0; i += 1) await sleep(50);
    await t.drainOutbox();
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: zhang.headers })).json();
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'comment', note: '评分 5 星' });
    expect(JSON.stringify(await t.sandboxApi(`/cards/ticket-${ticket.id}-rating`))).toContain('感谢你的评价');
  });

  it('P3: as the resolution clock runs out the assignee is reminded, and once breached the IT lead too, each once', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    await t.loginAs(demo.itLead);
    const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: urgent })).json();
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/transitions`, headers: lina.headers, payload: { action: 'accept' } });
    const reminders = async (userId: string) => (await t.sandboxApi<{ notifications: { msg: unknown }[] }>(`/work-notifications?userId=${userId}`)).notifications.filter((note) => JSON.stringify(note.msg).includes('超时'));

    t.clock.advance(3.5 * 3600_000);
    expect((await runJob(t, 'tickets.sla_sweep')).result).toBe('1 reminded');
    await t.drainOutbox();
    expect(await reminders(demo.itStaff)).toHaveLength(1);
    expect(await reminders(demo.itLead)).toHaveLength(0);
    expect((await runJob(t, 'tickets.sla_sweep')).result).toBe('0 reminded');

    t.clock.advance(3600_000);
    await runJob(t, 'tickets.sla_sweep');
    await t.drainOutbox();
    expect(await reminders(demo.itStaff)).toHaveLength(2);
    expect(JSON.stringify((await reminders(demo.itLead))[0])).toContain('已超时');
  });

  it('F4/P3: while nobody in IT responds, the IT group is reminded as the response time runs out and the IT lead once it is breached, each once; an IT note stops the clock, the reporter’s own note does not', async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    await t.loginAs(demo.itLead);
    const report = async (title: string) => (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: { ...urgent, title } })).json();
    const note = (headers: Record<string, string>, id: string, text: string) => t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/comments`, headers, payload: { note: text } });
    const responseSla = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: zhang.headers })).json().responseSla;
    // Level 1: respond within 15 minutes, round the clock; the last fifth starts at minute 12.
    const ignored = await report('钉钉全员无法登录');
    const answered = await report('邮件服务器无响应');
    await note(zhang.headers, answered.id, '补充：网页版也打不开');
    t.clock.advance(5 * 60_000);
    expect((await note(lina.headers, answered.id, '正在排查邮件网关')).json().responseSla).toBe('met');
    expect(await responseSla(answered.id)).toBe('met');
    expect(await responseSla(ignored.id)).toBe('ok');

    const groupReminders = async (number: string) =>
      (await t.sandboxApi<{ items: unknown[] }>(`/conversations/${encodeURIComponent(demoGroupIds['it-oncall'])}/messages?viewerId=${demo.itStaff}`)).items.map((item) => JSON.stringify(item)).filter((text) => text.includes('即将超过响应时限') && text.includes(number));
    const leadReminders = async (number: string) =>
      (await t.sandboxApi<{ notifications: { msg: unknown }[] }>(`/work-notifications?userId=${demo.itLead}`)).notifications.map((item) => JSON.stringify(item.msg)).filter((text) => text.includes(`${number} 响应已超时`));

    t.clock.advance(7.5 * 60_000);
    expect((await runJob(t, 'tickets.sla_sweep')).result).toBe('1 reminded');
    expect((await runJob(t, 'tickets.sla_sweep')).result).toBe('0 reminded');
    await t.drainOutbox();
    expect(await groupReminders(ignored.number)).toHaveLength(1);
    expect(await groupReminders(answered.number)).toHaveLength(0);
    expect(await leadReminders(ignored.number)).toHaveLength(0);

    t.clock.advance(3 * 60_000);
    expect((await runJob(t, 'tickets.sla_sweep')).result).toBe('1 reminded');
    expect((await runJob(t, 'tickets.sla_sweep')).result).toBe('0 reminded');
    await t.drainOutbox();
    expect(await leadReminders(ignored.number)).toHaveLength(1);
    expect(await groupReminders(ignored.number)).toHaveLength(1);
    expect(await leadReminders(answered.number)).toHaveLength(0);

    // Accepted late: the clock stops as breached, and nothing more is sent about it.
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ignored.id}/transitions`, headers: lina.headers, payload: { action: 'accept' } });
    expect(await responseSla(ignored.id)).toBe('breached');
    t.clock.advance(10 * 60_000);
    expect((await runJob(t, 'tickets.sla_sweep')).result).toBe('0 reminded');
  });
});
