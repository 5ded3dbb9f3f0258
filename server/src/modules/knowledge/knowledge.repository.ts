import { documentTokens, orQuery, tokenWeight, wordWeight, type ArticleText } from '@dingops/shared/rules/bigrams';
import { and, desc, eq, getTableColumns, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { knowledgeHelpfulMarks } from './knowledge-helpful.table';
import { type ArticleRow, knowledgeArticles, type NewArticleRow } from './knowledge.table';

export type ArticleStatus = ArticleRow['status'];
/** An article as read back: everything but the search vector, which only the database needs. */
export type StoredArticle = Omit<ArticleRow, 'searchVector'>;
export interface ScoredArticle extends StoredArticle {
  score: number;
  /** The score exactly as the database rounded it, for the next page's cursor. */
  scoreKey: string;
}

export interface ArticleFilter {
  status: ArticleStatus;
  category?: string;
}

export interface SearchInput {
  filter: ArticleFilter;
  tokens: string[];
  /** Only matches covering at least this much of the query (see minimumMatchWeight). */
  minWeight: number;
  after: { score: string; id: bigint } | null;
  limit: number;
}

const { searchVector: _vector, ...articleColumns } = getTableColumns(knowledgeArticles);
const vector = knowledgeArticles.searchVector;

/** setweight(…'A') || …: bound parameters only; the tokens are already safe for the `simple` parser. */
export function searchVectorOf(article: ArticleText): SQL {
  const { a, b, c } = documentTokens(article);
  return sql`setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${c}), 'C')`;
}

/**
 * Relevance: the share of the query's weight the article covers (so "打印机卡纸" puts the article
 * with 打印, 印机 and 卡纸 above one with only 打印机), then ts_rank_cd (title above body, tokens
 * close together), then a trace of "this helped" to break ties. Rounded so it survives a cursor.
 */
function scoringOf(tokens: string[]) {
  const query = sql`to_tsquery('simple', ${orQuery(tokens)})`;
  const totalWeight = tokens.reduce((sum, token) => sum + tokenWeight(token), 0);
  const matchedWeight = sql`(SELECT coalesce(sum(CASE WHEN token ~ '^[a-z0-9]+$' THEN ${wordWeight}::int ELSE 1 END), 0) FROM unnest(string_to_array(${tokens.join(' ')}, ' ')) AS token WHERE token = ANY (tsvector_to_array(${vector})))`;
  const score = sql`round(${matchedWeight}::numeric / ${totalWeight}::int + ts_rank_cd(${vector}, ${query}, 32)::numeric / 2 + least(${knowledgeArticles.helpful}, 50)::numeric / 100000, 6)`;
  return { query, matchedWeight, score };
}

function filterOf(filter: ArticleFilter): SQL[] {
  const conditions = [eq(knowledgeArticles.status, filter.status)];
  if (filter.category) conditions.push(eq(knowledgeArticles.category, filter.category));
  return conditions;
}

export function createKnowledgeRepository({ db }: { db: Db }) {
  return {
    async insert(values: Omit<NewArticleRow, 'searchVector'>, tx: Executor): Promise<StoredArticle> {
      const [row] = await tx
        .insert(knowledgeArticles)
        .values({ ...values, searchVector: searchVectorOf({ ...values, cause: values.cause ?? null, tags: values.tags ?? [] }) })
        .returning(articleColumns);
      if (!row) throw new Error('Article insert returned no row');
      return row;
    },

    /** Several articles in one statement (the demo seed). */
    async insertMany(rows: Omit<NewArticleRow, 'searchVector'>[], tx: Executor): Promise<bigint[]> {
      const values = rows.map((values) => ({ ...values, searchVector: searchVectorOf({ ...values, cause: values.cause ?? null, tags: values.tags ?? [] }) }));
      const inserted = await tx.insert(knowledgeArticles).values(values).returning({ id: knowledgeArticles.id });
      return inserted.map((row) => row.id);
    },

    async findById(id: bigint, tx: Executor = db): Promise<StoredArticle | null> {
      const [row] = await tx.select(articleColumns).from(knowledgeArticles).where(eq(knowledgeArticles.id, id));
      return row ?? null;
    },

    async findForUpdate(id: bigint, tx: Executor): Promise<StoredArticle | null> {
      const [row] = await tx.select(articleColumns).from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).for('update');
      return row ?? null;
    },

    /** Writes the changed fields and re-indexes from the article as it now reads. */
    async update(id: bigint, values: Partial<NewArticleRow> & ArticleText, tx: Executor): Promise<StoredArticle> {
      const [row] = await tx
        .update(knowledgeArticles)
        .set({ ...values, searchVector: searchVectorOf(values) })
        .where(eq(knowledgeArticles.id, id))
        .returning(articleColumns);
      if (!row) throw new Error('Article update returned no row');
      return row;
    },

    /** Counts an opening of the article, if it has one of the given statuses. */
    async countView(id: bigint, statuses: ArticleStatus[]): Promise<StoredArticle | null> {
      const [row] = await db
        .update(knowledgeArticles)
        .set({ views: sql`${knowledgeArticles.views} + 1` })
        .where(and(eq(knowledgeArticles.id, id), inArray(knowledgeArticles.status, statuses)))
        .returning(articleColumns);
      return row ?? null;
    },

    /** One mark per person: returns false when this person had already marked it. */
    async markHelpful({ articleId, userId, at }: { articleId: bigint; userId: string; at: Date }, tx: Executor): Promise<boolean> {
      const inserted = await tx.insert(knowledgeHelpfulMarks).values({ articleId, userId, createdAt: at }).onConflictDoNothing().returning({ articleId: knowledgeHelpfulMarks.articleId });
      if (inserted.length === 0) return false;
      await tx.update(knowledgeArticles).set({ helpful: sql`${knowledgeArticles.helpful} + 1` }).where(eq(knowledgeArticles.id, articleId));
      return true;
    },

    /** Newest first, keyset on id. */
    browse({ filter, beforeId, limit }: { filter: ArticleFilter; beforeId: bigint | null; limit: number }): Promise<StoredArticle[]> {
      const conditions = filterOf(filter);
      if (beforeId !== null) conditions.push(lt(knowledgeArticles.id, beforeId));
      return db.select(articleColumns).from(knowledgeArticles).where(and(...conditions)).orderBy(desc(knowledgeArticles.id)).limit(limit);
    },

    /** Best match first, keyset on (score, id); one query, the GIN index finds the candidates. */
    async search({ filter, tokens, minWeight, after, limit }: SearchInput): Promise<ScoredArticle[]> {
      if (tokens.length === 0) return [];
      const { query, matchedWeight, score } = scoringOf(tokens);
      const conditions = [...filterOf(filter), sql`${vector} @@ ${query}`, sql`${matchedWeight} >= ${minWeight}::int`];
      if (after) conditions.push(sql`(${score}, ${knowledgeArticles.id}) < (${after.score}::numeric, ${after.id}::bigint)`);
      const rows = await db
        .select({ ...articleColumns, score: sql<string>`${score}` })
        .from(knowledgeArticles)
        .where(and(...conditions))
        .orderBy(desc(score), desc(knowledgeArticles.id))
        .limit(limit);
      return rows.map((row) => ({ ...row, score: Number(row.score), scoreKey: String(row.score) }));
    },

    async isEmpty(): Promise<boolean> {
      const [row] = await db.select({ id: knowledgeArticles.id }).from(knowledgeArticles).limit(1);
      return !row;
    },
  };
}

export type KnowledgeRepository = ReturnType<typeof createKnowledgeRepository>;
