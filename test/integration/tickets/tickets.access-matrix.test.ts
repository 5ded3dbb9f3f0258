import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { demoUserIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, type TestApp } from '../../support/test-app';

// Rule S4: whoever cannot GET a ticket cannot reach it any other way. The routes come from the OpenAPI
// document, so a ticket route added later fails this test until it is given probes here.

const slow = { timeout: 600_000 };
type Headers = Record<string, string>;
type Session = { userId: string; headers: Headers };

/** A 1×1 PNG. */
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154089963f8cfc0f01f00050001ffabce36890000000049454e44ae426082', 'hex');

function multipart(bytes: Buffer) {
  const boundary = '----dingops-matrix';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="probe.png"\r\nContent-Type: image/png\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** What a probe aims at: a ticket (its id and one of its attachments) and what the prober may use. */
interface Aim {
  ticketId: string;
  attachmentId: string;
  /** An open ticket the prober can see (for merging into or out of the aim, or a cross-ticket download). */
  ownTicketId: string;
  itPersonId: string;
}
type Probe = (aim: Aim) => InjectOptions[];

const ticketUrl = (aim: Aim, rest = '') => `/api/v1/tickets/${aim.ticketId}${rest}`;
const actions = ['accept', 'diagnose', 'resolve', 'confirm', 'reopen', 'close', 'cancel'] as const;

/** Every ticket route, and how it could be used to reach a ticket the caller cannot see. */
const ticketProbes: Record<string, Probe | 'list' | 'creates'> = {
  'POST /api/v1/tickets': 'creates',
  'GET /api/v1/tickets': 'list',
  'GET /api/v1/tickets/export.csv': 'list',
  'GET /api/v1/tickets/{ticketId}': (aim) => [{ method: 'GET', url: ticketUrl(aim) }],
  'POST /api/v1/tickets/{ticketId}/transitions': (aim) => actions.map((action) => ({ method: 'POST', url: ticketUrl(aim, '/transitions'), payload: { action, resolution: '已处理', note: '探测' } })),
  'POST /api/v1/tickets/{ticketId}/comments': (aim) => [{ method: 'POST', url: ticketUrl(aim, '/comments'), payload: { note: '探测' } }],
  'POST /api/v1/tickets/{ticketId}/attachments': (aim) => [{ method: 'POST', url: ticketUrl(aim, '/attachments'), ...multipart(png) }],
  'GET /api/v1/tickets/{ticketId}/attachments/{attachmentId}': (aim) => [
    { method: 'GET', url: ticketUrl(aim, `/attachments/${aim.attachmentId}`) },
    // The aim's attachment through a ticket the caller can see.
    { method: 'GET', url: `/api/v1/tickets/${aim.ownTicketId}/attachments/${aim.attachmentId}` },
  ],
  'POST /api/v1/tickets/{ticketId}/me-too': (aim) => [{ method: 'POST', url: ticketUrl(aim, '/me-too') }],
  'DELETE /api/v1/tickets/{ticketId}/me-too': (aim) => [{ method: 'DELETE', url: ticketUrl(aim, '/me-too') }],
  'POST /api/v1/tickets/{ticketId}/assignment': (aim) => [{ method: 'POST', url: ticketUrl(aim, '/assignment'), payload: { assigneeId: aim.itPersonId } }],
  'POST /api/v1/tickets/{ticketId}/merge': (aim) => [
    { method: 'POST', url: ticketUrl(aim, '/merge'), payload: { intoTicketId: aim.ownTicketId } },
    { method: 'POST', url: `/api/v1/tickets/${aim.ownTicketId}/merge`, payload: { intoTicketId: aim.ticketId } },
  ],
  'PUT /api/v1/tickets/{ticketId}/fault-record': (aim) => [{ method: 'PUT', url: ticketUrl(aim, '/fault-record'), payload: { cause: '探测' } }],
  'PUT /api/v1/tickets/{ticketId}/alert-group': (aim) => [
    { method: 'PUT', url: ticketUrl(aim, '/alert-group'), payload: { alertGroupId: 'probe' } },
    { method: 'PUT', url: ticketUrl(aim, '/alert-group'), payload: { alertGroupId: null } },
  ],
  'GET /api/v1/tickets/{ticketId}/report': (aim) => [{ method: 'GET', url: ticketUrl(aim, '/report') }],
};

/** List queries a person might try to find a ticket with (IT-only views are refused to others). */
const listQueries = (alertGroupId: string) => ['view=mine', 'view=mine&limit=100', 'view=all', 'view=unassigned', 'view=assigned', `view=mine&alertGroupId=${alertGroupId}`, 'view=mine&status=cancelled&status=closed'];

/** Routes in the OpenAPI document that name a ticket: under /api/v1/tickets, or with a ticketId. */
async function ticketRoutes(t: TestApp): Promise<string[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .filter(([path]) => path === '/api/v1/tickets' || path.startsWith('/api/v1/tickets/') || path.includes('{ticketId}'))
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

async function rowsOf(t: TestApp, query: ReturnType<typeof sql>) {
  return (await t.database.db.execute(query)).rows;
}

/** Everything a refused request must leave as it was: the ticket, its timeline, people, files, and what was sent or audited about it. */
async function stateOf(t: TestApp, ticketId: string) {
  const id = BigInt(ticketId);
  return {
    ticket: await rowsOf(t, sql`SELECT * FROM tickets WHERE id = ${id}`),
    events: await rowsOf(t, sql`SELECT id, kind, note FROM ticket_events WHERE ticket_id = ${id} ORDER BY id`),
    followers: await rowsOf(t, sql`SELECT user_id, reason FROM ticket_followers WHERE ticket_id = ${id} ORDER BY user_id`),
    attachments: await rowsOf(t, sql`SELECT id, file_name FROM ticket_attachments ORDER BY id`),
    outbox: await rowsOf(t, sql`SELECT count(*)::int AS n FROM outbox`),
    audit: await rowsOf(t, sql`SELECT action, target_id FROM audit_log WHERE action LIKE 'tickets.%' ORDER BY id`),
  };
}

const answerOf = (response: LightMyRequestResponse) => ({ status: response.statusCode, code: response.statusCode >= 400 ? (response.json() as { code?: string }).code : undefined });

const send = (t: TestApp, who: Session, request: InjectOptions) => t.app.inject({ ...request, headers: { ...who.headers, ...(request.headers as Headers | undefined) } });

interface Seeded {
  id: string;
  number: string;
  title: string;
  attachmentId: string;
}

async function report(t: TestApp, who: Session, title: string, impact: string): Promise<Seeded> {
  const response = await send(t, who, { method: 'POST', url: '/api/v1/tickets', payload: { category: 'computer', title, description: `${title}：详细经过`, impact, urgency: 'medium' } });
  if (response.statusCode !== 201) throw new Error(`report failed: ${response.body}`);
  const id = response.json().id as string;
  const file = await send(t, who, { method: 'POST', url: `/api/v1/tickets/${id}/attachments`, ...multipart(png) });
  if (file.statusCode !== 201) throw new Error(`upload failed: ${file.body}`);
  return { id, number: response.json().number as string, title, attachmentId: file.json().id as string };
}

/** Tickets covering each way of seeing one: own, shared with the department, followed after a merge, closed, from IT. */
async function seedTickets(t: TestApp, people: Record<string, Session>) {
  const it = people[demo.itStaff]!;
  const tickets = [
    await report(t, people[demo.employee]!, '机密甲：只影响我的打印机', 'self'),
    await report(t, people[demoUserIds.luojun]!, '机密乙：研发部编译服务器很慢', 'team'),
    await report(t, people[demoUserIds.zhengfang]!, '机密丙：财务系统登录失败', 'department'),
    await report(t, people[demoUserIds.hanxue]!, '机密丁：人事系统也登录失败', 'self'),
    await report(t, people[demo.onCall]!, '机密戊：核心交换机告警', 'company'),
    await report(t, people[demo.salesRep]!, '机密己：已关闭的邮箱问题', 'self'),
  ];
  const [, , finance, hr, fromIt, closed] = tickets;
  const ok = async (who: Session, request: InjectOptions) => {
    const response = await send(t, who, request);
    if (response.statusCode !== 200) throw new Error(`${request.method} ${request.url}: ${response.statusCode} ${response.body}`);
  };
  await ok(people[demoUserIds.machao]!, { method: 'POST', url: `/api/v1/tickets/${finance!.id}/me-too` });
  await ok(it, { method: 'POST', url: `/api/v1/tickets/${hr!.id}/merge`, payload: { intoTicketId: finance!.id } });
  await ok(it, { method: 'PUT', url: `/api/v1/tickets/${fromIt!.id}/alert-group`, payload: { alertGroupId: 'ag-core-switch' } });
  for (const action of ['accept', 'resolve'] as const) await ok(it, { method: 'POST', url: `/api/v1/tickets/${closed!.id}/transitions`, payload: { action, resolution: '清理了邮箱' } });
  await ok(people[demo.salesRep]!, { method: 'POST', url: `/api/v1/tickets/${closed!.id}/transitions`, payload: { action: 'confirm' } });
  return tickets;
}

describe('who cannot GET a ticket cannot reach it any other way (rule S4)', () => {
  it('S4: every ticket route, every demo person, every ticket they cannot see: the same refusal as for a ticket that does not exist, nothing written, nothing listed or exported', slow, async () => {
    const t = await buildTestApp();
    expect(await ticketRoutes(t), 'a ticket route has no probes in this test: add them to ticketProbes').toEqual(Object.keys(ticketProbes).sort());

    const people: Record<string, Session> = {};
    for (const userId of Object.values(demoUserIds)) people[userId] = await t.loginAs(userId);
    const tickets = await seedTickets(t, people);
    const ghost = { id: '999999', attachmentId: '999999' };

    let refusals = 0;
    for (const [userId, who] of Object.entries(people)) {
      const hidden: Seeded[] = [];
      for (const ticket of tickets) if ((await send(t, who, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).statusCode === 404) hidden.push(ticket);
      if (hidden.length === 0) continue;
      // An open ticket of their own to merge with or download through.
      const own = (await send(t, who, { method: 'POST', url: '/api/v1/tickets', payload: { category: 'other', title: `${userId} 自己的工单`, description: '用来探测', impact: 'self', urgency: 'low' } })).json().id as string;
      const base = { ownTicketId: own, itPersonId: people[demo.itStaff]!.userId };

      // What each probe answers for a ticket that does not exist: the answer a hidden one must get too.
      const ghostAnswers = new Map<string, ReturnType<typeof answerOf>[]>();
      for (const [route, probe] of Object.entries(ticketProbes)) {
        if (typeof probe !== 'function') continue;
        const answers = [];
        for (const request of probe({ ...base, ticketId: ghost.id, attachmentId: ghost.attachmentId })) answers.push(answerOf(await send(t, who, request)));
        ghostAnswers.set(route, answers);
      }

      for (const ticket of hidden) {
        const before = await stateOf(t, ticket.id);
        for (const [route, probe] of Object.entries(ticketProbes)) {
          if (typeof probe !== 'function') continue;
          for (const [index, request] of probe({ ...base, ticketId: ticket.id, attachmentId: ticket.attachmentId }).entries()) {
            const answer = answerOf(await send(t, who, request));
            const label = `${userId} → ${route} #${index} on ${ticket.number}`;
            expect(answer, label).toEqual(ghostAnswers.get(route)?.[index]);
            expect([403, 404], label).toContain(answer.status);
            refusals += 1;
          }
        }
        expect(await stateOf(t, ticket.id), `${userId} changed ${ticket.number}`).toEqual(before);
      }

      // Lists and the CSV export never show a hidden ticket, whatever the filters.
      for (const query of listQueries('ag-core-switch')) {
        const list = await send(t, who, { method: 'GET', url: `/api/v1/tickets?${query}` });
        const listed = list.statusCode === 200 ? (list.json().items as { id: string }[]).map((item) => item.id) : [];
        expect(listed.filter((id) => hidden.some((ticket) => ticket.id === id)), `${userId} listed with ${query}`).toEqual([]);
        const csv = await send(t, who, { method: 'GET', url: `/api/v1/tickets/export.csv?${query.replace(/&?limit=\d+/, '')}` });
        for (const ticket of hidden) expect(csv.body, `${userId} exported ${ticket.number} with ${query}`).not.toContain(ticket.title);
      }
    }
    // 16 people outside IT, most tickets hidden from each: the matrix really ran.
    expect(refusals).toBeGreaterThan(800);
  });
});
