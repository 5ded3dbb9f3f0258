import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedDemoArticles } from '../../../server/src/demo/knowledge.seed';
import { demo } from '../../support/demo-people';
import { buildTestApp } from '../../support/test-app';
import { articleCount, emptyKnowledgeBase, knowledgeAudit, search, titlesOf } from './knowledge-fixture';

const resolvedTicket = {
  ticketId: 7n,
  title: '会议室投影仪没有信号',
  symptom: '三楼会议室投影仪接笔记本后显示无信号',
  cause: 'HDMI 转接头损坏',
  resolution: '更换 HDMI 转接头',
  category: 'meeting_room',
};

describe('app.knowledge.publishFromTicket (rules F6, F7)', () => {
  it('F6: a resolved ticket becomes a published, searchable article linked to it, audited in the same transaction', async () => {
    const t = await buildTestApp();
    await emptyKnowledgeBase(t);
    const it = await t.loginAs(demo.itStaff);
    const employee = await t.loginAs(demo.employee);
    const context = { actorId: it.userId, actorName: '李娜', sourceIp: null, requestId: null };
    const { id } = await t.database.db.transaction((tx) => t.app.knowledge.publishFromTicket({ ...resolvedTicket, author: { id: it.userId, name: '李娜' } }, tx, context));
    expect(typeof id).toBe('bigint');

    const article = (await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/${id}`, headers: employee.headers })).json();
    expect(article).toMatchObject({
      title: resolvedTicket.title,
      cause: 'HDMI 转接头损坏',
      status: 'published',
      tags: [],
      sourceTicket: { id: '7', number: 'GZ-000007' },
      author: { id: it.userId, name: '李娜' },
    });
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('投影仪没信号')}`))).toEqual([resolvedTicket.title]);
    expect(await knowledgeAudit(t)).toEqual([
      expect.objectContaining({ action: 'knowledge.article_published_from_ticket', target_id: String(id), actor_id: it.userId, summary: expect.objectContaining({ sourceTicketId: '7' }) }),
    ]);
  });

  it('F6: when the resolving transaction fails, neither the article nor its audit row remains', async () => {
    const t = await buildTestApp();
    await emptyKnowledgeBase(t);
    const it = await t.loginAs(demo.itStaff);
    const context = { actorId: it.userId, actorName: '李娜', sourceIp: null, requestId: null };
    const attempt = t.database.db.transaction(async (tx) => {
      await t.app.knowledge.publishFromTicket({ ...resolvedTicket, cause: null, author: { id: it.userId, name: '李娜' } }, tx, context);
      throw new Error('the ticket update failed');
    });
    await expect(attempt).rejects.toThrow('the ticket update failed');
    expect(await articleCount(t)).toBe(0);
    expect(await knowledgeAudit(t)).toEqual([]);
  });
});

describe('demo knowledge articles (sandbox mode)', () => {
  it('T6: the sandbox starts with articles by the IT lead, one of them for the demo story’s projector', async () => {
    const t = await buildTestApp();
    const employee = await t.loginAs(demo.employee);
    const lead = await t.loginAs(demo.itLead);
    const page = await search(t, employee, 'limit=50');
    expect(page.items.length).toBeGreaterThanOrEqual(5);
    expect(page.items.every((item) => (item as unknown as { author: { id: string; name: string } }).author.id === lead.userId)).toBe(true);

    const suggested = await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/suggestions?q=${encodeURIComponent('会议室投影仪没有信号')}`, headers: employee.headers });
    expect(titlesOf(suggested.json())[0]).toBe('会议室投影仪没有信号');
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('打印机卡纸')}`))[0]).toBe('打印机经常卡纸怎么办');
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('VPN 连不上')}`))[0]).toBe('VPN 无法连接');
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('outlook 收不到邮件')}`))[0]).toContain('Outlook');
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('钉钉登录异常')}`))[0]).toContain('钉钉登录异常');
  });

  it('seeding again changes nothing, and without the demo switch nothing is seeded', async () => {
    const t = await buildTestApp();
    const seeded = await articleCount(t);
    expect(seeded).toBeGreaterThan(0);
    expect(await seedDemoArticles({ app: t.app })).toBe(0);
    expect(await articleCount(t)).toBe(seeded);
    const audit = await t.database.db.execute(sql`SELECT actor_id, summary FROM audit_log WHERE action = 'knowledge.demo_articles_seeded'`);
    expect(audit.rows).toEqual([{ actor_id: 'system', summary: expect.objectContaining({ articleIds: expect.arrayContaining([expect.any(String)]) }) }]);

    const plain = await buildTestApp({ SANDBOX_SEED_DEMO: 'false' });
    expect(await articleCount(plain)).toBe(0);
  });
});
