import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { alertmanagerPayload, type TestAlert } from '../support/alertmanager-payload';
import { type BrowserApp, saveScreenshot, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';
import { buildTestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

// Every URL DingOps puts into DingTalk — cards (body and buttons), group and robot messages, work
// notifications, DINGs, the war room, the digest, the storm summary — opened in Chromium by each
// person who received it. Nobody may land on 页面不存在 or an error; a person the page is not for
// (a leader in 管理层群 opening an IT-only alert) must be told why and what to do.

const browser = useBrowser();
const miniappDist = fileURLToPath(new URL('../../miniapp/dist', import.meta.url));

/** A free loopback port, so PUBLIC_URL (what links are built from) is where the app really listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startApp(): Promise<BrowserApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // One level-2 card a minute per chat: the next level-2 groups fold into a storm summary card.
  const t = await buildTestApp({ MINIAPP_DIST: miniappDist, PUBLIC_URL: baseUrl, ALERTS_STORM_CARDS_PER_MINUTE: '1',
    // Every recipient logs in twice (API and browser) from one address within a minute; the limit is tested elsewhere.
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { ...t, baseUrl };
}

type Session = Awaited<ReturnType<BrowserApp['loginAs']>>;

/** The test app runs no background workers: deliver what is queued for DingTalk and take in card presses until `done`. */
async function deliverUntil(t: BrowserApp, what: string, done: () => Promise<boolean>) {
  await waitFor(
    async () => {
      await t.app.inbox.runOnce();
      await t.drainOutbox();
      return done();
    },
    what,
    20_000,
  );
}

/** Drives every flow that sends something into DingTalk, through the sandbox where DingTalk would take part. */
async function sendEverything(t: BrowserApp, sessionOf: (userId: string) => Promise<Session>) {
  const admin = await sessionOf(demo.itLead);
  for (const person of [demo.itStaff, demo.onCall, demo.security]) await sessionOf(person);
  const source = (await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: 'Prometheus', kind: 'alertmanager' } })).json() as { token: string };
  const post = async (alerts: TestAlert[]) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/alertmanager', headers: { authorization: `Bearer ${source.token}` }, payload: alertmanagerPayload(alerts) });
    expect(response.statusCode).toBe(202);
  };
  const erp: TestAlert = { labels: { alertname: 'ErpDatabaseDown', service: 'erp', instance: 'db1', severity: 'critical' }, annotations: { summary: 'ERP 数据库无法连接' } };
  await post([
    erp,
    { labels: { alertname: 'BackupJobLate', service: 'backup', severity: 'info' }, annotations: { summary: '备份任务延迟' } },
    ...['oa', 'mail', 'wiki'].map((service) => ({ labels: { alertname: 'ServiceSlow', service, severity: 'warning' }, annotations: { summary: `${service} 响应慢` } })),
  ]);
  const groups = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups?level=1', headers: admin.headers })).json() as { items: { id: string; ticketId: string | null; warRoom: unknown }[] };
  const [critical] = (await groups()).items;

  // Level 2 waits, then one card and a storm summary; level 3 goes into the digest.
  t.clock.advance(31_000);
  await t.app.scheduler.runNow('alerts.flush_cards');
  await t.app.scheduler.runNow('alerts.digest');
  // Nobody claims the level-1 group: the secondary, then the IT lead and 管理层群; then a repeat reminder.
  t.clock.advance(16 * 60_000);
  await t.app.scheduler.runNow('alerts.escalate');
  t.clock.advance(15 * 60_000);
  await t.app.scheduler.runNow('alerts.repeat');
  await t.drainOutbox();

  // 陈刚 presses 创建工单 and 作战群 on the card, then 认领.
  const outTrackId = `alert-group-${critical!.id}`;
  for (const action of ['create_ticket', 'open_war_room', 'acknowledge']) {
    await t.sandboxApi(`/cards/${outTrackId}/click`, { method: 'POST', body: { userId: demo.onCall, action } });
  }
  await deliverUntil(t, 'the ticket and the war room from the card', async () => {
    const [group] = (await groups()).items;
    return Boolean(group?.ticketId && group.warRoom);
  });

  // 张伟 reports a fault from the micro-app (IT group card, his notifications); 李娜 accepts it on the card.
  const zhang = await sessionOf(demo.employee);
  const report = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: { category: 'meeting_room', title: '会议室投影仪没有信号', description: '接上 HDMI 后投影仪显示无信号', impact: 'department', urgency: 'high' } });
  expect(report.statusCode).toBe(201);
  const ticket = report.json() as { id: string };
  await t.drainOutbox();
  await t.sandboxApi(`/cards/ticket-${ticket.id}/click`, { method: 'POST', body: { userId: demo.itStaff, action: 'accept' } });
  // 黄丽 @s 运维助手 in 销售部群: the robot answers there with the new ticket's link.
  const { conversations } = await t.sandboxApi<{ conversations: { id: string; key: string }[] }>('/conversations');
  await t.sandboxApi('/bot-messages', { method: 'POST', body: { userId: demo.salesRep, openConversationId: conversations.find((chat) => chat.key === 'sales')!.id, text: '@运维助手 VPN 连不上' } });
  await deliverUntil(t, 'the chat ticket', async () => JSON.stringify(await t.sandboxApi(`/conversations/${encodeURIComponent(conversations.find((chat) => chat.key === 'sales')!.id)}/messages`)).includes('已创建工单'));

  // The alert recovers: the card turns green (its links stay).
  await post([{ ...erp, status: 'resolved' }]);
  await t.drainOutbox();

  await sendAccessMessages(t, sessionOf, admin);
}

/**
 * Access governance's messages: a grant (work notifications, 信息安全群), a manual step for IT
 * (IT运维值班群), an end-of-grant reminder with its 续期 link, and a review campaign.
 */
async function sendAccessMessages(t: BrowserApp, sessionOf: (userId: string) => Promise<Session>, admin: Session) {
  const { items: systems } = (await t.app.inject({ method: 'GET', url: '/api/v1/access/catalog', headers: admin.headers })).json() as { items: { id: number; name: string; roles: { id: number; name: string }[] }[] };
  const roleOf = (system: string, role: string) => systems.find((entry) => entry.name === system)!.roles.find((entry) => entry.name === role)!.id;
  const decided = new Set<string>();
  const approveAll = async () => {
    for (const approver of [demo.salesManager, 'yq-zhengfang']) {
      const { tasks } = await t.sandboxApi<{ tasks: { processInstanceId: string }[] }>(`/approvals?approverId=${approver}`);
      for (const task of tasks) {
        await t.sandboxApi(`/approvals/${task.processInstanceId}/decide`, { method: 'POST', body: { userId: approver, result: 'agree', remark: '同意' } });
        decided.add(task.processInstanceId);
      }
    }
  };
  const zhang = await sessionOf(demo.employee);
  const zheng = await sessionOf('yq-zhengfang');
  const asked = [
    await t.app.inject({ method: 'POST', url: '/api/v1/access/requests', headers: zhang.headers, payload: { roleId: roleOf('VPN', '远程访问'), reason: '出差远程办公', days: 30 } }),
    await t.app.inject({ method: 'POST', url: '/api/v1/access/requests', headers: zheng.headers, payload: { roleId: roleOf('ERP 财务系统', '财务查询'), reason: '月结核对', days: 30, forUserId: 'yq-machao' } }),
  ];
  for (const response of asked) expect(response.statusCode, response.body).toBe(201);
  await t.drainOutbox();
  await approveAll();
  await deliverUntil(t, 'both access requests approved', async () => {
    const states = await Promise.all(asked.map(async (response, index) => (await t.app.inject({ method: 'GET', url: `/api/v1/access/requests/${response.json().id}`, headers: [zhang, zheng][index]!.headers })).json().status));
    return states.every((status) => status === 'approved');
  });
  expect(decided.size).toBe(2);

  // 李娜's demo grant of 钉钉管理后台 ends within the week: she and 王磊 get the 续期 link.
  await t.app.scheduler.runNow('access.expire_grants');
  const review = await t.app.inject({ method: 'POST', url: '/api/v1/access/reviews', headers: admin.headers, payload: { name: 'CRM 权限复核', scope: { systemId: systems.find((entry) => entry.name === 'CRM')!.id }, dueAt: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString() } });
  expect(review.statusCode, review.body).toBe(201);
  await t.drainOutbox();
}

/** Links in any string of a stored message, including http(s) URLs wrapped in dingtalk:// links. */
function linksIn(value: unknown): string[] {
  const strings: string[] = [];
  const walk = (item: unknown) => {
    if (typeof item === 'string') strings.push(item);
    else if (Array.isArray(item)) item.forEach(walk);
    else if (item && typeof item === 'object') Object.values(item).forEach(walk);
  };
  walk(value);
  const found = strings.flatMap((text) => [...text.matchAll(/(?:https?|dingtalk):\/\/[\w\-.~:/?#@!$&*+,;=%]+/g)].map((match) => match[0].replace(/[.,;:!?]+$/, '')));
  return found.flatMap((link) => {
    if (!link.startsWith('dingtalk://')) return [link];
    const wrapped = new URL(link).searchParams.get('url');
    return wrapped ? [wrapped] : [];
  });
}

type Delivery = { url: string; userId: string; where: string };

/** Everything the sandbox stored, with who received it: chat members for group messages, the person for the rest. */
async function collectDeliveries(t: BrowserApp): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  const { conversations } = await t.sandboxApi<{ conversations: { id: string; title: string; members: { userId: string }[] }[] }>('/conversations');
  for (const chat of conversations) {
    const { items } = await t.sandboxApi<{ items: unknown[] }>(`/conversations/${encodeURIComponent(chat.id)}/messages`);
    for (const url of linksIn(items)) for (const member of chat.members) deliveries.push({ url, userId: member.userId, where: chat.title });
  }
  const { people } = await t.sandboxApi<{ people: { userId: string }[] }>('/people');
  for (const { userId } of people) {
    const query = `userId=${encodeURIComponent(userId)}`;
    const sources: [string, unknown][] = [
      ['direct message', await t.sandboxApi(`/direct-messages?${query}`)],
      ['work notification', await t.sandboxApi(`/work-notifications?${query}`)],
      ['DING', await t.sandboxApi(`/dings?${query}`)],
    ];
    for (const [where, answer] of sources) for (const url of linksIn(answer)) deliveries.push({ url, userId, where });
  }
  return deliveries;
}

type Expectation = { page: 'alert_group' | 'alert_list' | 'ticket' | AccessPage; allowed: boolean };
type AccessPage = 'access_request' | 'access_mine' | 'access_form' | 'access_tasks' | 'access_review';

/** Access pages DingOps links to, with the API each page calls first. */
function accessPageOf(pathname: string, search: string): { page: AccessPage; api: string } | null {
  const request = /^\/access\/requests\/(\d+)$/.exec(pathname);
  if (request) return { page: 'access_request', api: `/api/v1/access/requests/${request[1]}` };
  const review = /^\/access\/reviews\/(\d+)$/.exec(pathname);
  if (review) return { page: 'access_review', api: `/api/v1/access/reviews/${review[1]}` };
  if (pathname === '/access/tasks') return { page: 'access_tasks', api: '/api/v1/access/tasks' };
  if (pathname === '/access/request') {
    expect(search, 'the 续期 link names the grant').toMatch(/^\?extend=\d+$/);
    return { page: 'access_form', api: '/api/v1/access/catalog' };
  }
  if (pathname === '/access') return { page: 'access_mine', api: '/api/v1/access/grants' };
  return null;
}

/** What the person should see, asked of the API the page itself calls: 200 → the page; 403/404 → the explain-why page. */
async function expectationFor(t: BrowserApp, session: Session, pathname: string, search = ''): Promise<Expectation> {
  // The micro-app still redirects /alerts/<id> for cards sent long ago; what DingOps sends now must name the page itself.
  expect(pathname, 'a link in the old /alerts/<id> form').not.toMatch(/^\/alerts\/\d+$/);
  const access = accessPageOf(pathname, search);
  if (access) {
    const status = (await t.app.inject({ method: 'GET', url: access.api, headers: session.headers })).statusCode;
    // Access links go only to people who may act on them.
    expect(status, `${access.api} as ${session.userId}`).toBe(200);
    return { page: access.page, allowed: true };
  }
  const group = /^\/alerts\/groups\/(\d+)$/.exec(pathname);
  const ticket = /^\/tickets\/(\d+)$/.exec(pathname);
  const api = group ? `/api/v1/alerts/groups/${group[1]}` : ticket ? `/api/v1/tickets/${ticket[1]}` : pathname === '/alerts' ? '/api/v1/alerts/groups' : null;
  if (!api) throw new Error(`DingOps sent a link to ${pathname}, which this test does not know how to check`);
  const status = (await t.app.inject({ method: 'GET', url: api, headers: session.headers })).statusCode;
  expect([200, 403, 404], `${api} as ${session.userId}`).toContain(status);
  return { page: group ? 'alert_group' : ticket ? 'ticket' : 'alert_list', allowed: status === 200 };
}

const contentOf: Record<Expectation['page'], string> = {
  alert_group: 'alert-group-detail',
  alert_list: 'alert-groups',
  ticket: 'ticket-detail',
  access_request: 'access-request-detail',
  access_mine: 'access-mine',
  access_form: 'access-request-form',
  access_tasks: 'access-tasks',
  access_review: 'access-review',
};
const outcomes = [...Object.values(contentOf), 'alerts-forbidden', 'access-notice', 'page-not-found', 'alert-group-error', 'ticket-error'];

async function checkOpened(page: Page, expected: Expectation, label: string) {
  await page.locator(outcomes.map((id) => `[data-testid="${id}"]`).join(', ')).first().waitFor();
  const text = await page.locator('body').innerText();
  expect(text, label).not.toContain('页面不存在');
  expect(text, label).not.toContain('页面异常');
  if (expected.allowed) {
    await page.getByTestId(contentOf[expected.page]).waitFor();
    return;
  }
  // Not for this person: a page that says why and what to do, with a way home.
  const notice = expected.page === 'ticket' ? page.getByTestId('access-notice') : page.getByTestId('alerts-forbidden');
  await notice.waitFor();
  const reason = await notice.getByTestId('access-notice-reason').innerText();
  expect(reason, label).toMatch(expected.page === 'ticket' ? /没有权限查看/ : /仅信息部门可查看/);
  expect(await notice.getByTestId('access-notice-hint').innerText(), label).toMatch(/请联系/);
  await notice.getByTestId('access-notice-home').waitFor();
}

describe('every link DingOps puts into DingTalk opens for the person who received it', () => {
  it('F4, S2, S4: alert cards, escalations to 管理层群, DINGs, work notifications, the war room, the digest, the storm card, ticket cards and access messages (grants, IT tasks, 续期, reviews) all open a real page; a leader gets the explain-why page', { timeout: 600_000 }, async () => {
    const t = await startApp();
    await t.app.ready();
    await t.app.inbox.whenConnected();
    const sessions = new Map<string, Session>();
    const sessionOf = async (userId: string) => {
      if (!sessions.has(userId)) sessions.set(userId, await t.loginAs(userId));
      return sessions.get(userId)!;
    };
    await sendEverything(t, sessionOf);

    const deliveries = await collectDeliveries(t);
    expect(deliveries.length, 'links found in what DingTalk received').toBeGreaterThan(0);
    const foreign = deliveries.filter((delivery) => new URL(delivery.url).origin !== t.baseUrl);
    expect(foreign, 'links that do not point at DingOps').toEqual([]);
    const where = new Set(deliveries.map((delivery) => delivery.where));
    for (const kind of ['IT运维值班群', '管理层群', '销售部群', '信息安全群', 'work notification', 'DING']) expect(where, `links in ${kind}`).toContain(kind);
    const paths = new Set(deliveries.map((delivery) => new URL(delivery.url).pathname.replace(/\d+/g, ':id')));
    for (const path of ['/access/requests/:id', '/access/tasks', '/access/request', '/access/reviews/:id']) expect(paths, `a link to ${path}`).toContain(path);
    expect([...where].some((name) => name.startsWith('作战群')), 'links in the war room').toBe(true);

    const byPerson = new Map<string, Set<string>>();
    for (const { url, userId } of deliveries) byPerson.set(userId, (byPerson.get(userId) ?? new Set()).add(url));
    let opened = 0;
    const refused = new Set<Expectation['page']>();
    // Each person in their own browser context; each link opened cold, as from a chat.
    const openAll = async (userId: string, urls: Set<string>) => {
      const session = await sessionOf(userId);
      const { page } = await browser.openPage(t, 'phone');
      let first = true;
      for (const url of urls) {
        const expected = await expectationFor(t, session, new URL(url).pathname, new URL(url).search);
        // The first link also logs the person in (the sandbox console's ?loginAs=), then shows the page.
        await page.goto(first ? `${url}${url.includes('?') ? '&' : '?'}loginAs=${userId}` : url, { waitUntil: 'domcontentloaded' });
        first = false;
        await checkOpened(page, expected, `${url} opened by ${userId}`);
        opened += 1;
        if (expected.allowed || refused.has(expected.page)) continue;
        await saveScreenshot(page, `dingtalk-link-no-access-${expected.page}`);
        refused.add(expected.page);
      }
    };
    for (const [userId, urls] of byPerson) await openAll(userId, urls);
    expect(opened).toBeGreaterThan(20);
    // The explain-why page was really shown: to leaders in 管理层群 opening an alert, and to colleagues in 销售部群 opening 黄丽's ticket.
    expect([...refused].sort()).toEqual(['alert_group', 'ticket']);
  });

  it('a link in the old form /alerts/<id> (cards already in chats) redirects to the group; a group that does not exist says so', async () => {
    const t = await startApp();
    const admin = await t.loginAs(demo.itLead);
    const source = (await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: 'Prometheus', kind: 'alertmanager' } })).json() as { token: string };
    await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/alertmanager', headers: { authorization: `Bearer ${source.token}` }, payload: alertmanagerPayload([{ labels: { alertname: 'ErpDatabaseDown', service: 'erp', severity: 'critical' } }]) });
    const { items } = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups', headers: admin.headers })).json() as { items: { id: string }[] };

    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/alerts/${items[0]!.id}?loginAs=${demo.onCall}`);
    await page.waitForURL(new RegExp(`/alerts/groups/${items[0]!.id}$`));
    await page.getByTestId('alert-group-detail').getByRole('heading', { name: 'ErpDatabaseDown' }).waitFor();

    await page.goto('/alerts/groups/999999');
    const missing = page.getByTestId('access-notice');
    await missing.getByText('告警不存在', { exact: true }).waitFor();
    expect(await missing.getAttribute('data-kind')).toBe('not_found');
    await saveScreenshot(page, 'alert-group-not-found');
    await missing.getByText('查看告警列表').click();
    await page.waitForURL(/\/alerts$/);
  });
});
