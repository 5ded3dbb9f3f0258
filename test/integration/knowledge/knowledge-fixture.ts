import { sql } from 'drizzle-orm';
import type { TestApp } from '../../support/test-app';

type Session = Awaited<ReturnType<TestApp['loginAs']>>;

export interface ArticleInput {
  title: string;
  symptom?: string;
  cause?: string | null;
  resolution?: string;
  category?: string;
  tags?: string[];
}

/** Sandbox mode seeds starter articles; search tests start from an empty knowledge base instead. */
export async function emptyKnowledgeBase(t: TestApp) {
  await t.database.db.execute(sql`DELETE FROM knowledge_articles`);
}

/** Writes an article through the API as an IT session and returns it. */
export async function writeArticle(t: TestApp, it: Session, input: ArticleInput) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/knowledge',
    headers: it.headers,
    payload: { symptom: input.title, resolution: '按步骤处理', category: 'other', ...input },
  });
  if (response.statusCode !== 201) throw new Error(`article not written: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; title: string; views: number; helpful: number; status: string };
}

export async function search(t: TestApp, session: Session, query: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/knowledge?${query}`, headers: session.headers });
  if (response.statusCode !== 200) throw new Error(`search failed: ${response.statusCode} ${response.body}`);
  return response.json() as { items: { id: string; title: string; score: number | null; excerpt: string }[]; nextCursor: string | null };
}

export const titlesOf = (page: { items: { title: string }[] }) => page.items.map((item) => item.title);

/** Knowledge audit rows written on behalf of people (not the demo seed), oldest first. */
export async function knowledgeAudit(t: TestApp) {
  const result = await t.database.db.execute(sql`SELECT action, target_id, actor_id, summary FROM audit_log WHERE action LIKE 'knowledge.%' AND actor_id IS DISTINCT FROM 'system' ORDER BY id`);
  return result.rows as { action: string; target_id: string; actor_id: string | null; summary: Record<string, unknown> }[];
}

export async function articleCount(t: TestApp): Promise<number> {
  const result = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM knowledge_articles`);
  return Number((result.rows[0] as { n: number }).n);
}
