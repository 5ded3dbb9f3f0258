import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf } from '../../support/test-app';
import { articleCount, emptyKnowledgeBase, knowledgeAudit, search, titlesOf, writeArticle } from './knowledge-fixture';

const printerJam = { title: '打印机经常卡纸怎么办', symptom: '打印到一半卡纸', cause: '纸张受潮', resolution: '取出卡纸，换干燥的新纸', category: 'printer', tags: ['打印机'] };

async function start() {
  const t = await buildTestApp();
  await emptyKnowledgeBase(t);
  const it = await t.loginAs(demo.itStaff);
  const employee = await t.loginAs(demo.employee);
  return { t, it, employee };
}

describe('/api/v1/knowledge', () => {
  it('S4: IT writes an article; it is returned whole, published, and the write is audited', async () => {
    const { t, it } = await start();
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/knowledge', headers: it.headers, payload: { ...printerJam, sourceTicketId: '42' } });
    expect(response.statusCode).toBe(201);
    const article = response.json();
    expect(article).toMatchObject({ ...printerJam, status: 'published', views: 0, helpful: 0, sourceTicket: { id: '42', number: 'GZ-000042' }, author: { id: it.userId, name: '李娜' } });
    expect(await knowledgeAudit(t)).toEqual([expect.objectContaining({ action: 'knowledge.article_created', target_id: article.id, actor_id: it.userId })]);
  });

  it('S4: only IT writes or edits articles; an employee is refused (403) and nothing is written; no login is 401', async () => {
    const { t, it, employee } = await start();
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/knowledge', headers: employee.headers, payload: printerJam });
    expect(refused.statusCode).toBe(403);
    const article = await writeArticle(t, it, printerJam);
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/knowledge/${article.id}`, headers: employee.headers, payload: { title: '改了' } });
    expect(edit.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/knowledge' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/suggestions?q=${encodeURIComponent('打印机')}` })).statusCode).toBe(401);
    expect(await articleCount(t)).toBe(1);
    expect((await knowledgeAudit(t)).map((row) => row.action)).toEqual(['knowledge.article_created']);
  });

  it('an article without a title or with an unknown field shape is refused (400) naming the field, and nothing is written', async () => {
    const { t, it } = await start();
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/knowledge', headers: it.headers, payload: { ...printerJam, title: '   ' } });
    expect(missing.statusCode).toBe(400);
    expect(problemOf(missing).errors?.map((issue) => issue.path)).toEqual(['body.title']);
    const badTicket = await t.app.inject({ method: 'POST', url: '/api/v1/knowledge', headers: it.headers, payload: { ...printerJam, sourceTicketId: 'GZ-1' } });
    expect(problemOf(badTicket).errors?.map((issue) => issue.path)).toEqual(['body.sourceTicketId']);
    const badCategory = await t.app.inject({ method: 'POST', url: '/api/v1/knowledge', headers: it.headers, payload: { ...printerJam, category: 'Printer!' } });
    expect(problemOf(badCategory).errors?.map((issue) => issue.path)).toEqual(['body.category']);
    expect(await articleCount(t)).toBe(0);
    expect(await knowledgeAudit(t)).toEqual([]);
  });

  it('opening an article counts the view; an unknown or malformed id is 404 or 400', async () => {
    const { t, it, employee } = await start();
    const article = await writeArticle(t, it, printerJam);
    await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/${article.id}`, headers: employee.headers });
    const second = await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/${article.id}`, headers: it.headers });
    expect(second.json()).toMatchObject({ id: article.id, views: 2, resolution: printerJam.resolution });
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/999999', headers: employee.headers });
    expect(unknown.statusCode).toBe(404);
    expect(problemOf(unknown).code).toBe('knowledge.not_found');
    const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/abc', headers: employee.headers });
    expect(problemOf(malformed).errors?.map((issue) => issue.path)).toEqual(['params.articleId']);
  });

  it('editing re-indexes the article: the new words find it, the old ones no longer do; the change is audited', async () => {
    const { t, it, employee } = await start();
    const article = await writeArticle(t, it, printerJam);
    const response = await t.app.inject({ method: 'PATCH', url: `/api/v1/knowledge/${article.id}`, headers: it.headers, payload: { title: '复印机提示缺墨', symptom: '复印件发白' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ title: '复印机提示缺墨', symptom: '复印件发白', resolution: printerJam.resolution, cause: printerJam.cause });
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('缺墨')}`))).toEqual(['复印机提示缺墨']);
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('经常卡纸')}`))).toEqual([]);
    const audit = await knowledgeAudit(t);
    expect(audit.at(-1)).toMatchObject({ action: 'knowledge.article_updated', target_id: article.id, summary: { changed: ['title', 'symptom'] } });
  });

  it('an edit that changes nothing writes nothing; a bad edit is 400 naming the field; an unknown id is 404', async () => {
    const { t, it } = await start();
    const article = await writeArticle(t, it, printerJam);
    const same = await t.app.inject({ method: 'PATCH', url: `/api/v1/knowledge/${article.id}`, headers: it.headers, payload: { title: printerJam.title } });
    expect(same.statusCode).toBe(200);
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/v1/knowledge/${article.id}`, headers: it.headers, payload: { status: 'deleted' } });
    expect(problemOf(bad).errors?.map((issue) => issue.path)).toEqual(['body.status']);
    const unknown = await t.app.inject({ method: 'PATCH', url: '/api/v1/knowledge/999999', headers: it.headers, payload: { title: '新标题' } });
    expect(unknown.statusCode).toBe(404);
    expect((await knowledgeAudit(t)).map((row) => row.action)).toEqual(['knowledge.article_created']);
  });

  it('S4: archiving takes an article out of search and out of employees’ reach; IT still lists and opens it, and restores it', async () => {
    const { t, it, employee } = await start();
    const article = await writeArticle(t, it, printerJam);
    const archived = await t.app.inject({ method: 'PATCH', url: `/api/v1/knowledge/${article.id}`, headers: it.headers, payload: { status: 'archived' } });
    expect(archived.json().status).toBe('archived');
    const q = `q=${encodeURIComponent('打印机卡纸')}`;
    expect((await search(t, employee, q)).items).toEqual([]);
    expect((await search(t, it, q)).items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/suggestions?${q}`, headers: employee.headers })).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/${article.id}`, headers: employee.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/knowledge/${article.id}/helpful`, headers: employee.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/${article.id}`, headers: it.headers })).json().status).toBe('archived');

    const employeeList = await t.app.inject({ method: 'GET', url: '/api/v1/knowledge?status=archived', headers: employee.headers });
    expect(employeeList.statusCode).toBe(403);
    expect(problemOf(employeeList).code).toBe('knowledge.archive_forbidden');
    expect(titlesOf(await search(t, it, 'status=archived'))).toEqual([printerJam.title]);
    expect(titlesOf(await search(t, it, `status=archived&${q}`))).toEqual([printerJam.title]);

    await t.app.inject({ method: 'PATCH', url: `/api/v1/knowledge/${article.id}`, headers: it.headers, payload: { status: 'published' } });
    expect(titlesOf(await search(t, employee, q))).toEqual([printerJam.title]);
    expect((await knowledgeAudit(t)).map((row) => row.action)).toEqual(['knowledge.article_created', 'knowledge.article_archived', 'knowledge.article_restored']);
  });

  it('“这个有用” counts once per person, however often they press it; each counted press is audited', async () => {
    const { t, it, employee } = await start();
    const article = await writeArticle(t, it, printerJam);
    const url = `/api/v1/knowledge/${article.id}/helpful`;
    expect((await t.app.inject({ method: 'POST', url, headers: employee.headers })).json().helpful).toBe(1);
    expect((await t.app.inject({ method: 'POST', url, headers: employee.headers })).json().helpful).toBe(1);
    expect((await t.app.inject({ method: 'POST', url, headers: it.headers })).json().helpful).toBe(2);
    const audit = (await knowledgeAudit(t)).filter((row) => row.action === 'knowledge.article_marked_helpful');
    expect(audit.map((row) => row.actor_id)).toEqual([employee.userId, it.userId]);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/knowledge/999999/helpful', headers: employee.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(401);
  });
});
