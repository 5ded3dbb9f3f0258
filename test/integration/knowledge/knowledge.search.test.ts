import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf } from '../../support/test-app';
import { emptyKnowledgeBase, search, titlesOf, writeArticle } from './knowledge-fixture';

async function knowledgeBase(titles: { title: string; symptom?: string; category?: string; tags?: string[] }[]) {
  const t = await buildTestApp();
  await emptyKnowledgeBase(t);
  const it = await t.loginAs(demo.itStaff);
  const employee = await t.loginAs(demo.employee);
  for (const article of titles) await writeArticle(t, it, article);
  return { t, it, employee };
}

describe('knowledge search (character bigrams, rule T6)', () => {
  it('T6: "打印机卡纸" finds the printer-jam article first, a printer article that only shares 打印机 after it', async () => {
    const { t, employee } = await knowledgeBase([
      { title: '打印机经常卡纸怎么办' },
      { title: '打印机无法连接网络' },
      { title: '纸质报销单的填写方法' },
      { title: 'VPN 无法连接' },
    ]);
    const page = await search(t, employee, `q=${encodeURIComponent('打印机卡纸')}`);
    expect(titlesOf(page)).toEqual(['打印机经常卡纸怎么办', '打印机无法连接网络']);
    expect(page.items[0]!.score).toBeGreaterThan(page.items[1]!.score!);
  });

  it('T6: "VPN 连不上" finds "VPN 无法连接" first, ahead of an article that only shares 连不上', async () => {
    const { t, employee } = await knowledgeBase([
      { title: 'VPN 无法连接', symptom: '在家登录内网失败' },
      { title: '蓝牙耳机连不上电脑' },
      { title: 'Outlook 邮箱不同步' },
    ]);
    const page = await search(t, employee, `q=${encodeURIComponent('VPN 连不上')}`);
    expect(titlesOf(page)[0]).toBe('VPN 无法连接');
    expect(titlesOf(page)).not.toContain('Outlook 邮箱不同步');
  });

  it('T6: English words match whole and ignore case and full-width forms', async () => {
    const { t, employee } = await knowledgeBase([{ title: 'Outlook 邮箱不同步' }, { title: 'VPN 无法连接' }, { title: '网关返回 502 错误', tags: ['ERP'] }]);
    expect(titlesOf(await search(t, employee, 'q=OUTLOOK'))).toEqual(['Outlook 邮箱不同步']);
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('ｖｐｎ')}`))).toEqual(['VPN 无法连接']);
    expect(titlesOf(await search(t, employee, 'q=502'))).toEqual(['网关返回 502 错误']);
    expect(titlesOf(await search(t, employee, 'q=erp'))).toEqual(['网关返回 502 错误']);
    expect(titlesOf(await search(t, employee, 'q=outlo'))).toEqual([]);
  });

  it('T6: the title weighs more than the symptom', async () => {
    const { t, employee } = await knowledgeBase([
      { title: '电脑开机很慢', symptom: '开机后邮箱也很慢' },
      { title: '邮箱附件打不开', symptom: '双击附件没有反应' },
    ]);
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('邮箱')}`))).toEqual(['邮箱附件打不开', '电脑开机很慢']);
  });

  it('searches within a category', async () => {
    const { t, employee } = await knowledgeBase([
      { title: '打印机卡纸', category: 'printer' },
      { title: '打印机驱动安装', category: 'software' },
    ]);
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent('打印机')}&category=software`))).toEqual(['打印机驱动安装']);
  });

  it('pages through search results best first with a keyset cursor, and through the browse list newest first', async () => {
    const { t, employee } = await knowledgeBase([{ title: '打印机卡纸' }, { title: '打印机卡纸了怎么办' }, { title: '打印机不出纸' }, { title: '会议室投影仪没有信号' }]);
    const first = await search(t, employee, `q=${encodeURIComponent('打印机卡纸')}&limit=2`);
    expect(first.items).toHaveLength(2);
    const second = await search(t, employee, `q=${encodeURIComponent('打印机卡纸')}&limit=2&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    const all = [...titlesOf(first), ...titlesOf(second)];
    expect(new Set(all).size).toBe(3);
    expect(all).not.toContain('会议室投影仪没有信号');

    const newest = await search(t, employee, 'limit=3');
    expect(titlesOf(newest)).toEqual(['会议室投影仪没有信号', '打印机不出纸', '打印机卡纸了怎么办']);
    expect(newest.items.every((item) => item.score === null)).toBe(true);
    const rest = await search(t, employee, `limit=3&cursor=${newest.nextCursor}`);
    expect(titlesOf(rest)).toEqual(['打印机卡纸']);
    expect(rest.nextCursor).toBeNull();
  });

  it('a query of punctuation or tsquery syntax finds nothing and breaks nothing', async () => {
    const { t, employee } = await knowledgeBase([{ title: '打印机卡纸' }]);
    expect((await search(t, employee, `q=${encodeURIComponent('！！？…')}`)).items).toEqual([]);
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent("打印' | !:* & (机")}`))).toEqual([]);
    expect(titlesOf(await search(t, employee, `q=${encodeURIComponent("'); DROP TABLE knowledge_articles; -- 打印机")}`))).toEqual(['打印机卡纸']);
  });

  it('a cursor from the browse list is refused by a search, naming querystring.cursor', async () => {
    const { t, employee } = await knowledgeBase([{ title: '打印机卡纸' }, { title: '打印机不出纸' }]);
    const browse = await search(t, employee, 'limit=1');
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/knowledge?q=${encodeURIComponent('打印机')}&cursor=${browse.nextCursor}`, headers: employee.headers });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors).toEqual([expect.objectContaining({ path: 'querystring.cursor' })]);
  });
});

const suggestions = (q: string, extra = '') => `/api/v1/knowledge/suggestions?q=${encodeURIComponent(q)}${extra}`;

describe('/api/v1/knowledge/suggestions (rule T6)', () => {
  it('T6: a report being typed gets the matching published articles, best first, up to the limit', async () => {
    const t = await buildTestApp();
    await emptyKnowledgeBase(t);
    const it = await t.loginAs(demo.itStaff);
    const employee = await t.loginAs(demo.employee);
    for (const title of ['打印机经常卡纸怎么办', '打印机无法连接网络', '打印机驱动安装', 'VPN 无法连接']) await writeArticle(t, it, { title });
    const response = await t.app.inject({ method: 'GET', url: suggestions('公司打印机老是卡纸'), headers: employee.headers });
    expect(response.statusCode).toBe(200);
    const page = response.json();
    expect(titlesOf(page)[0]).toBe('打印机经常卡纸怎么办');
    expect(titlesOf(page)).not.toContain('VPN 无法连接');
    expect(page.items[0]).toMatchObject({ excerpt: '按步骤处理', score: expect.any(Number) });
    expect(page.items[0]).not.toHaveProperty('resolution');
    const limited = await t.app.inject({ method: 'GET', url: suggestions('打印机', '&limit=2'), headers: employee.headers });
    expect(limited.json().items).toHaveLength(2);
  });

  it('a one-character or over-long query, or a bad limit, is refused (400) naming the field', async () => {
    const t = await buildTestApp();
    const employee = await t.loginAs(demo.employee);
    const short = await t.app.inject({ method: 'GET', url: suggestions('卡'), headers: employee.headers });
    expect(problemOf(short).errors?.map((issue) => issue.path)).toEqual(['querystring.q']);
    const long = await t.app.inject({ method: 'GET', url: suggestions('卡'.repeat(501)), headers: employee.headers });
    expect(problemOf(long).errors?.map((issue) => issue.path)).toEqual(['querystring.q']);
    const limit = await t.app.inject({ method: 'GET', url: suggestions('打印机', '&limit=11'), headers: employee.headers });
    expect(problemOf(limit).errors?.map((issue) => issue.path)).toEqual(['querystring.limit']);
  });
});
