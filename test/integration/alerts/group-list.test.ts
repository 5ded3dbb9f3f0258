import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { createSource, erpDown, groupsOf, post } from './alerts-fixture';

type Chat = { conversationId: string; role: string; groups: number; openGroups: number };

/**
 * OA alerts go to 信息安全群 by rule; everything else to IT运维值班群 (no route of its own). OA's
 * test environment is routed there too, but at level 3, which only the IT ops group's digest shows.
 */
async function sourceWithOaRoutedToSecurity(t: TestApp) {
  const source = await createSource(t);
  const rules = {
    rules: [
      { name: 'oa-test', matchers: [{ name: 'service', op: '=', value: 'oa' }, { name: 'env', op: '=', value: 'test' }], level: 3, groupId: demoGroupIds.security },
      { name: 'oa-any', matchers: [{ name: 'service', op: '=', value: 'oa' }], level: 2, groupId: demoGroupIds.security },
    ],
  };
  expect((await t.app.inject({ method: 'PUT', url: '/api/v1/alerts/rules', headers: source.admin.headers, payload: rules })).statusCode).toBe(200);
  return source;
}

async function chatsOf(t: TestApp, headers: Record<string, string>): Promise<Chat[]> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/alerts/group-chats', headers });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: Chat[] }).items;
}

describe('the alert list: filters by group chat and by words (issue 5 §7)', { timeout: 90_000 }, () => {
  it('F2: the IT ops group is offered before its first alert; then each chat counts its groups, open ones apart', async () => {
    const t = await buildTestApp();
    const source = await sourceWithOaRoutedToSecurity(t);
    const lina = await t.loginAs(demo.itStaff);
    expect(await chatsOf(t, lina.headers)).toEqual([{ conversationId: demoGroupIds['it-oncall'], role: 'it_ops', groups: 0, openGroups: 0 }]);

    await post(t, source.token, [erpDown('db1'), { labels: { alertname: 'OaSlow', service: 'oa', severity: 'warning' } }, { labels: { alertname: 'OaDown', service: 'oa', severity: 'critical' } }]);
    await post(t, source.token, [{ labels: { alertname: 'OaSlow', service: 'oa', severity: 'warning' }, status: 'resolved' }]);
    await t.drainOutbox();
    expect(await chatsOf(t, lina.headers)).toEqual([
      { conversationId: demoGroupIds['it-oncall'], role: 'it_ops', groups: 1, openGroups: 1 },
      { conversationId: demoGroupIds.security, role: 'security', groups: 2, openGroups: 1 },
    ]);
  });

  it('F2: chat= lists only the groups whose card goes there (unrouted ones and level 3 count as the IT ops group); every group names its chat', async () => {
    const t = await buildTestApp();
    const source = await sourceWithOaRoutedToSecurity(t);
    await post(t, source.token, [erpDown('db1'), { labels: { alertname: 'OaDown', service: 'oa', severity: 'critical' } }, { labels: { alertname: 'OaTestSlow', service: 'oa', env: 'test', severity: 'info' } }]);
    await t.drainOutbox();

    const all = await groupsOf(t, source.admin.headers);
    expect(all.map((group) => (group as unknown as { chat: string }).chat).sort()).toEqual([demoGroupIds['it-oncall'], demoGroupIds['it-oncall'], demoGroupIds.security].sort());
    const digested = await groupsOf(t, source.admin.headers, `?chat=${encodeURIComponent(demoGroupIds['it-oncall'])}&level=3`);
    expect(digested.map((group) => group.levelReason)).toEqual(['三级：规则 oa-test 命中']);
    const security = await groupsOf(t, source.admin.headers, `?chat=${encodeURIComponent(demoGroupIds.security)}`);
    expect(security.map((group) => group.levelReason)).toEqual(['二级：规则 oa-any 命中']);
    const chats = await chatsOf(t, source.admin.headers);
    expect(chats.map((chat) => [chat.role, chat.groups])).toEqual([
      ['it_ops', 2],
      ['security', 1],
    ]);
    const itOps = await groupsOf(t, source.admin.headers, `?chat=${encodeURIComponent(demoGroupIds['it-oncall'])}&level=1`);
    expect(itOps.map((group) => group.levelReason)).toEqual(['默认：severity=critical']);
    expect(await groupsOf(t, source.admin.headers, '?chat=cidNobodyUsesThisChat==')).toEqual([]);
  });

  it('q= finds groups by title, summary or grouping labels, case-blind, and takes % and _ literally', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    await post(t, source.token, [
      erpDown('db1'),
      { labels: { alertname: 'DiskFull', service: 'fileserver', severity: 'warning' }, annotations: { summary: '共享盘使用率 95%' } },
      { labels: { alertname: 'Disk_Slow', service: 'nas', severity: 'info' } },
    ]);
    await t.drainOutbox();
    const titles = async (q: string) => (await groupsOf(t, source.admin.headers, `?q=${encodeURIComponent(q)}`)).map((group) => (group as unknown as { title: string }).title).sort();

    expect(await titles('erpdatabase')).toEqual(['ErpDatabaseDown']);
    expect(await titles('共享盘')).toEqual(['DiskFull']);
    expect(await titles('fileserver')).toEqual(['DiskFull']);
    expect(await titles('95%')).toEqual(['DiskFull']);
    expect(await titles('disk_')).toEqual(['Disk_Slow']);
    expect(await titles('%')).toEqual(['DiskFull']);
  });

  it('a bad filter is a 400 naming it; an employee may neither list nor see the chats', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const tooLong = await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups?q=${'x'.repeat(101)}`, headers: source.admin.headers });
    expect(problemOf(tooLong).errors?.[0]?.path).toMatch(/^querystring\.q/);
    const blank = await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups?chat=%20', headers: source.admin.headers });
    expect(problemOf(blank).errors?.[0]?.path).toMatch(/^querystring\.chat/);
    const zhang = await t.loginAs(demo.employee);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/alerts/group-chats', headers: zhang.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups?q=erp', headers: zhang.headers })).statusCode).toBe(403);
  });
});

describe('the alert summary (home tile)', { timeout: 90_000 }, () => {
  it('F2: open groups per level: unclaimed, silenced apart, and claimed; resolved ones leave it; an employee may not read it', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const lina = await t.loginAs(demo.itStaff);
    const summary = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/summary', headers: lina.headers })).json() as { levels: { level: number; unacknowledged: number; silenced: number; acknowledged: number }[] };
    expect((await summary()).levels).toEqual([1, 2, 3].map((level) => ({ level, unacknowledged: 0, silenced: 0, acknowledged: 0 })));

    const silence = { matchers: [{ name: 'service', op: '=', value: 'nas' }], endsAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(), reason: '扩容' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/alerts/silences', headers: lina.headers, payload: silence })).statusCode).toBe(201);
    await post(t, source.token, [
      erpDown('db1'),
      { labels: { alertname: 'MailQueueHigh', service: 'mail', severity: 'critical' } },
      { labels: { alertname: 'NasDiskAlmostFull', service: 'nas', severity: 'warning' } },
      { labels: { alertname: 'BackupJobLate', service: 'backup', severity: 'info' } },
    ]);
    await t.drainOutbox();
    const mail = (await groupsOf(t, lina.headers, '?q=MailQueueHigh'))[0]!;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/alerts/groups/${mail.id}/actions`, headers: lina.headers, payload: { action: 'acknowledge' } })).statusCode).toBe(200);
    await post(t, source.token, [{ labels: { alertname: 'BackupJobLate', service: 'backup', severity: 'info' }, status: 'resolved' }]);

    expect((await summary()).levels).toEqual([
      { level: 1, unacknowledged: 1, silenced: 0, acknowledged: 1 },
      { level: 2, unacknowledged: 0, silenced: 1, acknowledged: 0 },
      { level: 3, unacknowledged: 0, silenced: 0, acknowledged: 0 },
    ]);
    const zhang = await t.loginAs(demo.employee);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/alerts/summary', headers: zhang.headers })).statusCode).toBe(403);
  });

  it('F2: level 1 comes first, then the newest within a level, across pages; each row carries the alert’s summary', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    // Arrival order: level 1, two level 3, a level 2, another level 1 — the order a bare "newest first" would turn upside down.
    const alert = (name: string, severity: string) => ({ labels: { alertname: name, service: name.toLowerCase(), severity }, annotations: { summary: `${name} 的摘要` } });
    for (const [name, severity] of [['ErpDown', 'critical'], ['NtpDrift', 'info'], ['CertSoon', 'info'], ['OaSlow', 'warning'], ['MailDown', 'critical']]) await post(t, source.token, [alert(name!, severity!)]);

    type Row = { title: string; level: number; summary: string | null };
    const page = async (cursor?: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: source.admin.headers })).json() as { items: Row[]; nextCursor: string | null };
    const rows: Row[] = [];
    let cursor: string | undefined;
    do {
      const next = await page(cursor);
      rows.push(...next.items);
      cursor = next.nextCursor ?? undefined;
    } while (cursor);
    expect(rows.map((row) => [row.level, row.title])).toEqual([
      [1, 'MailDown'],
      [1, 'ErpDown'],
      [2, 'OaSlow'],
      [3, 'CertSoon'],
      [3, 'NtpDrift'],
    ]);
    expect(rows.map((row) => row.summary)).toEqual(['MailDown 的摘要', 'ErpDown 的摘要', 'OaSlow 的摘要', 'CertSoon 的摘要', 'NtpDrift 的摘要']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups?level=3&limit=1', headers: source.admin.headers })).json().items.map((row: Row) => row.title)).toEqual(['CertSoon']);
    const forged = await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups?cursor=${Buffer.from(JSON.stringify(['7', '1'])).toString('base64url')}`, headers: source.admin.headers });
    expect(problemOf(forged).errors?.[0]?.path).toBe('querystring.cursor');
  });
});
