import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

const slow = { timeout: 180_000 };

const mail = { category: 'email', title: '邮箱收不到外部邮件', description: '从昨天下午开始收不到客户邮件', steps: '打开 Outlook → 刷新收件箱', impact: 'department', urgency: 'medium' };

type Headers = Record<string, string>;

async function report(t: TestApp, headers: Headers, body: Record<string, unknown> = mail) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`report failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

const act = (t: TestApp, headers: Headers, id: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/transitions`, headers, payload });
const putRecord = (t: TestApp, headers: Headers, id: string, payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: `/api/v1/tickets/${id}/fault-record`, headers, payload });
const auditOf = async (t: TestApp, headers: Headers, action: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=${action}`, headers })).json().items as { targetId?: string; summary?: Record<string, unknown> }[];

/** Parses the export (RFC 4180) back into rows, for checking what Excel would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += char;
    }
  }
  return rows;
}

describe('fault record, knowledge, alert links, export and the fault report', () => {
  it('F6: IT fills in the fault record on resolve and afterwards; a resolve can publish a knowledge article in the same step; a cancelled ticket has no record', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const wang = await t.loginAs(demo.itLead);
    const ticket = await report(t, zhang.headers);
    await act(t, lina.headers, ticket.id, { action: 'accept' });

    const badAction = await act(t, lina.headers, ticket.id, { action: 'resolve', resolution: '放开过滤规则', actionsTaken: ['prayed'] });
    expect(problemOf(badAction).errors?.[0]?.path).toBe('body.actionsTaken.0');
    const resolved = await act(t, lina.headers, ticket.id, {
      action: 'resolve',
      cause: '反垃圾网关误判外部域名',
      resolution: '把客户域名加入白名单，并放开过滤规则',
      causeCategory: 'configuration',
      actionsTaken: ['configuration'],
      timeSpentMinutes: 45,
      publishArticle: true,
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', causeCategory: 'configuration', actionsTaken: ['configuration'], timeSpentMinutes: 45 });
    // The knowledge module (issue "Knowledge") published the resolution as an article in the same transaction.
    const [resolveAudit] = await auditOf(t, wang.headers, 'tickets.resolve');
    const articleId = String(resolveAudit?.summary?.articleId);
    const article = await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/${articleId}`, headers: zhang.headers });
    expect(article.statusCode).toBe(200);
    expect(article.json()).toMatchObject({ title: ticket.title, resolution: '把客户域名加入白名单，并放开过滤规则' });

    const url = `/api/v1/tickets/${ticket.id}/fault-record`;
    expect(problemOf(await putRecord(t, lina.headers, ticket.id, { timeSpentMinutes: -5 })).errors?.map((error) => error.path)).toEqual(['body.timeSpentMinutes']);
    expect((await putRecord(t, zhang.headers, ticket.id, { cause: '我猜是网络' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url, payload: { cause: 'x' } })).statusCode).toBe(401);
    const updated = await putRecord(t, lina.headers, ticket.id, { actionsTaken: ['configuration', 'vendor_escalation'], timeSpentMinutes: 60, cause: null });
    expect(updated.json()).toMatchObject({ actionsTaken: ['configuration', 'vendor_escalation'], timeSpentMinutes: 60, cause: null, causeCategory: 'configuration', resolution: '把客户域名加入白名单，并放开过滤规则' });
    const timeline = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: zhang.headers })).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: 'record_updated', actor: { name: '李娜' }, note: '更新了故障记录：原因、处理措施、耗时' });
    expect(await auditOf(t, wang.headers, 'tickets.record_updated')).toHaveLength(1);

    const withdrawn = await report(t, zhang.headers, { ...mail, title: '误报' });
    await act(t, zhang.headers, withdrawn.id, { action: 'cancel' });
    expect((await putRecord(t, lina.headers, withdrawn.id, { cause: '误报' })).statusCode).toBe(409);
  });

  it('a failed publish undoes the resolve: nothing is half-written', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const ticket = await report(t, zhang.headers);
    await act(t, lina.headers, ticket.id, { action: 'accept' });
    const original = t.app.knowledge.publishFromTicket;
    t.app.knowledge.publishFromTicket = async () => {
      throw new Error('knowledge store down');
    };
    const failed = await act(t, lina.headers, ticket.id, { action: 'resolve', resolution: '重启邮件网关', publishArticle: true });
    t.app.knowledge.publishFromTicket = original;
    expect(failed.statusCode).toBe(500);
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: lina.headers })).json();
    expect(after).toMatchObject({ status: 'accepted', resolution: null });
    expect(after.timeline.map((event: { toStatus: string | null }) => event.toStatus)).toEqual(['reported', 'accepted']);
  });

  it('alerts: IT links a ticket to an alert group and filters by it; the alerts module opens monitoring tickets through app.tickets', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const ticket = await report(t, zhang.headers);
    const link = (headers: Headers, alertGroupId: unknown) => t.app.inject({ method: 'PUT', url: `/api/v1/tickets/${ticket.id}/alert-group`, headers, payload: { alertGroupId } });

    expect(problemOf(await link(lina.headers, '')).errors?.map((error) => error.path)).toEqual(['body.alertGroupId']);
    expect((await link(zhang.headers, 'ag-1')).statusCode).toBe(403);
    expect((await link(lina.headers, 'ag-mail-1')).json().alertGroupId).toBe('ag-mail-1');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: zhang.headers })).json().timeline.at(-1)).toMatchObject({ kind: 'linked', note: '关联告警组 ag-mail-1' });

    const linaUser = await t.app.identity.getUser(lina.userId);
    const fromAlert = await t.app.deps.database.db.transaction((tx) =>
      t.app.tickets.createFromAlert({ alertGroupId: 'ag-mail-1', title: 'SMTP 队列积压', description: '邮件网关队列超过 5000 封', level: 1, actor: linaUser }, tx, { actorId: lina.userId, actorName: '李娜', sourceIp: null, requestId: null }),
    );
    expect(fromAlert.number).toMatch(/^GZ-\d{6}$/);
    const opened = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${fromAlert.id}`, headers: lina.headers })).json();
    expect(opened).toMatchObject({ category: 'monitoring', level: 1, impact: 'company', reporter: { name: '李娜' }, alertGroupId: 'ag-mail-1', status: 'reported' });

    const group = (await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=all&alertGroupId=ag-mail-1', headers: lina.headers })).json().items;
    expect(group.map((item: { id: string }) => item.id)).toEqual([String(fromAlert.id), ticket.id]);
    expect((await link(lina.headers, null)).json().alertGroupId).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=all&alertGroupId=ag-mail-1', headers: lina.headers })).json().items).toHaveLength(1);
  });

  it('F7: the CSV export opens in Excel (BOM, Chinese header), quotes and defuses cells, follows the list’s access, and is audited', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const huang = await t.loginAs(demo.salesRep);
    const lina = await t.loginAs(demo.itStaff);
    const wang = await t.loginAs(demo.itLead);
    const tricky = await report(t, zhang.headers, { ...mail, title: '=HYPERLINK("http://evil","点我")', description: '第一行\n第二行, 带逗号' });
    await act(t, lina.headers, tricky.id, { action: 'accept' });
    await act(t, lina.headers, tricky.id, { action: 'resolve', cause: '他说 "坏了"', resolution: '重启', causeCategory: 'hardware', actionsTaken: ['restart', 'hardware_replaced'], timeSpentMinutes: 30 });
    await report(t, huang.headers, { ...mail, title: '黄丽的工单' });

    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/tickets/export.csv?view=all', headers: zhang.headers });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets/export.csv' })).statusCode).toBe(401);
    expect(problemOf(await t.app.inject({ method: 'GET', url: '/api/v1/tickets/export.csv?view=all&level=7', headers: lina.headers })).errors?.[0]?.path).toBe('querystring.level');

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/tickets/export.csv?view=all', headers: lina.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="tickets-20261128.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(response.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['编号', '标题', '分类', '级别', '状态', '影响范围', '报告人', '部门', '处理人', '报告时间', '响应时限', '解决时限', '解决时间', '原因分类', '原因', '处理措施', '耗时(分钟)', '同样问题人数', '满意度']);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.[1]).toBe('黄丽的工单');
    expect(rows[2]).toEqual([tricky.number, `'=HYPERLINK("http://evil","点我")`, '邮箱', '二级', '已解决', '我的部门', '张伟', '销售部', '李娜', '2026-11-28 16:00', expect.any(String), expect.any(String), '2026-11-28 16:00', '硬件故障', '他说 "坏了"', '重启、更换硬件', '30', '1', '']);

    const mine = parseCsv((await t.app.inject({ method: 'GET', url: '/api/v1/tickets/export.csv', headers: zhang.headers })).body.replace(/^\uFEFF/, ''));
    expect(mine.slice(1).map((row) => row[0])).toEqual([tricky.number]);
    const exports = await auditOf(t, wang.headers, 'tickets.exported');
    expect(exports).toHaveLength(2);
  });

  it('F6: the printable fault report is a self-contained A4 page with every user string escaped, the same access as the detail, and IT reads audited', slow, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const luo = await t.loginAs('yq-luojun');
    const lina = await t.loginAs(demo.itStaff);
    const wang = await t.loginAs(demo.itLead);
    const ticket = await report(t, zhang.headers, { ...mail, title: '<script>alert(1)</script> 邮件', description: '描述 <img src=x onerror=alert(2)>' });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154089963f8cfc0f01f00050001ffabce36890000000049454e44ae426082', 'hex');
    const boundary = '----dingopsreport';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="收件箱.png"\r\nContent-Type: image/png\r\n\r\n`;
    const upload = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/attachments`, headers: { ...zhang.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat([Buffer.from(head), png, Buffer.from(`\r\n--${boundary}--\r\n`)]) });
    expect(upload.statusCode).toBe(201);
    await act(t, lina.headers, ticket.id, { action: 'accept' });
    await act(t, lina.headers, ticket.id, { action: 'resolve', cause: '网关 & 过滤', resolution: '调整规则', causeCategory: 'configuration', actionsTaken: ['configuration'], timeSpentMinutes: 20 });

    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/report` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/report`, headers: luo.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tickets/abc/report', headers: lina.headers })).statusCode).toBe(400);

    const page = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/report`, headers: lina.headers });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
    const html = page.body;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('描述 &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 邮件');
    expect(html).toContain('网关 &amp; 过滤');
    for (const text of [ticket.number, '二级', '邮箱', '张伟（销售部）', '按时完成', '打开 Outlook → 刷新收件箱', '配置问题', '调整配置', '调整规则', '20 分钟', '1 人受影响', '李娜', '未评价', '收件箱.png']) expect(html, text).toContain(text);

    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/report`, headers: zhang.headers })).statusCode).toBe(200);
    const reads = await auditOf(t, wang.headers, 'tickets.report_read');
    expect(reads).toHaveLength(1);
  });
});
