import type { Article, ArticleSummary, CreateArticleBody, listArticlesQuerySchema, suggestionsQuerySchema, UpdateArticleBody } from '@dingops/shared/knowledge';
import { minimumMatchWeight, queryTokens } from '@dingops/shared/rules/bigrams';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { beforeIdOf, decodeCursor, invalidCursor, keysetPage } from '../../platform/pagination/cursor';
import { archiveForbidden, articleNotFound } from './knowledge.errors';
import type { ArticleStatus, KnowledgeRepository, ScoredArticle, StoredArticle } from './knowledge.repository';

/** The person reading or writing; IT (it_staff, it_admin) also sees archived articles. */
export interface KnowledgeActor {
  id: string;
  name: string;
  isIt: boolean;
}

/** What the tickets module hands over when a resolved ticket is published (`publishArticle: true`). */
export interface PublishFromTicketInput {
  ticketId: bigint;
  title: string;
  symptom: string;
  cause: string | null;
  resolution: string;
  category: string;
  author: { id: string; name: string };
}

type ListQuery = z.infer<typeof listArticlesQuerySchema>;
type SuggestionsQuery = z.infer<typeof suggestionsQuerySchema>;

const excerptLength = 80;
const ticketNumberOf = (id: bigint) => `GZ-${String(id).padStart(6, '0')}`;
const visibleStatuses = (actor: KnowledgeActor): ArticleStatus[] => (actor.isIt ? ['published', 'archived'] : ['published']);

export function toArticle(row: StoredArticle): Article {
  return {
    id: String(row.id),
    title: row.title,
    symptom: row.symptom,
    cause: row.cause,
    resolution: row.resolution,
    category: row.category,
    tags: row.tags,
    status: row.status,
    sourceTicket: row.sourceTicketId === null ? null : { id: String(row.sourceTicketId), number: ticketNumberOf(row.sourceTicketId) },
    author: { id: row.authorId, name: row.authorName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    views: row.views,
    helpful: row.helpful,
  };
}

function toSummary(row: StoredArticle & { score?: number }): ArticleSummary {
  const { resolution: _resolution, cause: _cause, ...rest } = toArticle(row);
  const flat = row.resolution.replace(/\s+/g, ' ').trim();
  return { ...rest, excerpt: flat.length > excerptLength ? `${flat.slice(0, excerptLength)}…` : flat, score: row.score ?? null };
}

const editableOf = ({ title, symptom, cause, resolution, category, tags, status }: StoredArticle) => ({ title, symptom, cause, resolution, category, tags, status });
const definedOf = (body: UpdateArticleBody) => Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as UpdateArticleBody;

/** A search cursor is (score, id); a browse cursor is the id alone, so one cannot continue the other. */
function searchCursorOf(cursor: string | undefined): { score: string; id: bigint } | null {
  if (!cursor) return null;
  const [score, id] = decodeCursor(cursor, 2);
  if (!score || !/^\d{1,6}(\.\d{1,6})?$/.test(score) || !id || !/^\d{1,18}$/.test(id)) throw invalidCursor();
  return { score, id: BigInt(id) };
}

export function createKnowledgeService({ db, repo, audit, clock }: { db: Db; repo: KnowledgeRepository; audit: AuditService; clock: () => Date }) {
  async function requireVisible(id: bigint, actor: KnowledgeActor, tx: Executor): Promise<StoredArticle> {
    const row = await repo.findForUpdate(id, tx);
    if (!row || !visibleStatuses(actor).includes(row.status)) throw articleNotFound(String(id));
    return row;
  }

  async function search(query: Omit<ListQuery, 'q'> & { q: string }): Promise<{ items: ArticleSummary[]; nextCursor: string | null }> {
    const tokens = queryTokens(query.q);
    const rows = await repo.search({
      filter: { status: query.status, ...(query.category ? { category: query.category } : {}) },
      tokens,
      minWeight: minimumMatchWeight(tokens),
      after: searchCursorOf(query.cursor),
      limit: query.limit + 1,
    });
    const page = keysetPage<ScoredArticle>(rows, query.limit, (row) => [row.scoreKey, String(row.id)]);
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  return {
    /** Browse newest first, or search with `q`; archived ones are IT's only. */
    async list({ query, actor }: { query: ListQuery; actor: KnowledgeActor }) {
      if (query.status === 'archived' && !actor.isIt) throw archiveForbidden();
      if (query.q) return search({ ...query, q: query.q });
      const rows = await repo.browse({
        filter: { status: query.status, ...(query.category ? { category: query.category } : {}) },
        beforeId: beforeIdOf(query.cursor),
        limit: query.limit + 1,
      });
      const page = keysetPage(rows, query.limit, (row) => [String(row.id)]);
      return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
    },

    /** Published articles for a report being typed (rule T6: common questions answered directly). */
    async suggest(query: SuggestionsQuery): Promise<{ items: ArticleSummary[] }> {
      const { items } = await search({ q: query.q, status: 'published', limit: query.limit, ...(query.category ? { category: query.category } : {}) });
      return { items };
    },

    /** Opens an article and counts the view. */
    async get({ id, actor }: { id: bigint; actor: KnowledgeActor }): Promise<Article> {
      const row = await repo.countView(id, visibleStatuses(actor));
      if (!row) throw articleNotFound(String(id));
      return toArticle(row);
    },

    async create({ body, actor, context }: { body: CreateArticleBody; actor: KnowledgeActor; context: AuditContext }): Promise<Article> {
      return db.transaction(async (tx) => {
        const now = clock();
        const row = await repo.insert(
          {
            title: body.title,
            symptom: body.symptom,
            cause: body.cause ?? null,
            resolution: body.resolution,
            category: body.category,
            tags: body.tags ?? [],
            status: 'published',
            sourceTicketId: body.sourceTicketId ? BigInt(body.sourceTicketId) : null,
            authorId: actor.id,
            authorName: actor.name,
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        await audit.record(context, { action: 'knowledge.article_created', target: { type: 'knowledge_article', id: String(row.id) }, summary: { title: row.title, category: row.category, sourceTicketId: body.sourceTicketId ?? null } }, tx);
        return toArticle(row);
      });
    },

    /** Edits re-index the article; `status` archives it (out of search) or brings it back. */
    async update({ id, body, actor, context }: { id: bigint; body: UpdateArticleBody; actor: KnowledgeActor; context: AuditContext }): Promise<Article> {
      return db.transaction(async (tx) => {
        const before = await requireVisible(id, actor, tx);
        const changed = (Object.keys(body) as (keyof UpdateArticleBody)[]).filter((key) => body[key] !== undefined && JSON.stringify(body[key]) !== JSON.stringify(before[key]));
        if (changed.length === 0) return toArticle(before);
        const row = await repo.update(id, { ...editableOf(before), ...definedOf(body), updatedAt: clock() }, tx);
        const action = changed.includes('status') ? (row.status === 'archived' ? 'knowledge.article_archived' : 'knowledge.article_restored') : 'knowledge.article_updated';
        await audit.record(context, { action, target: { type: 'knowledge_article', id: String(id) }, summary: { changed } }, tx);
        return toArticle(row);
      });
    },

    /** "这个有用": counted once per person; a second press changes nothing and writes nothing. */
    async markHelpful({ id, actor, context }: { id: bigint; actor: KnowledgeActor; context: AuditContext }): Promise<Article> {
      return db.transaction(async (tx) => {
        await requireVisible(id, actor, tx);
        const counted = await repo.markHelpful({ articleId: id, userId: actor.id, at: clock() }, tx);
        if (counted) await audit.record(context, { action: 'knowledge.article_marked_helpful', target: { type: 'knowledge_article', id: String(id) } }, tx);
        return toArticle((await repo.findById(id, tx))!);
      });
    },

    /** Rule F6/F7: a resolved ticket's record becomes an article, in the resolving transaction. */
    async publishFromTicket(input: PublishFromTicketInput, tx: Executor, context: AuditContext): Promise<{ id: bigint }> {
      const now = clock();
      const row = await repo.insert(
        {
          title: input.title,
          symptom: input.symptom,
          cause: input.cause,
          resolution: input.resolution,
          category: input.category,
          tags: [],
          status: 'published',
          sourceTicketId: input.ticketId,
          authorId: input.author.id,
          authorName: input.author.name,
          createdAt: now,
          updatedAt: now,
        },
        tx,
      );
      await audit.record(context, { action: 'knowledge.article_published_from_ticket', target: { type: 'knowledge_article', id: String(row.id) }, summary: { title: row.title, sourceTicketId: String(input.ticketId) } }, tx);
      return { id: row.id };
    },
  };
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
