import { bigint, bigserial, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A tsvector of the article's character bigrams (shared/rules/bigrams.ts) under the `simple`
 * configuration: Chinese has no spaces to split words on, and bigrams need no extension, so the same
 * search runs on PGlite and on Postgres.
 */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Knowledge articles (知识库), published by IT, often from a resolved ticket. */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    title: text('title').notNull(),
    symptom: text('symptom').notNull(),
    cause: text('cause'),
    resolution: text('resolution').notNull(),
    category: text('category').notNull(),
    tags: text('tags').array().notNull().default([]),
    status: text('status', { enum: ['published', 'archived'] }).notNull(),
    sourceTicketId: bigint('source_ticket_id', { mode: 'bigint' }),
    authorId: uuid('author_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    views: integer('views').notNull().default(0),
    helpful: integer('helpful').notNull().default(0),
    searchVector: tsvector('search_vector').notNull(),
  },
  (table) => [
    index('knowledge_articles_search_idx').using('gin', table.searchVector),
    index('knowledge_articles_status_idx').on(table.status, table.id),
    index('knowledge_articles_source_ticket_idx').on(table.sourceTicketId),
  ],
);

export type ArticleRow = typeof knowledgeArticles.$inferSelect;
export type NewArticleRow = typeof knowledgeArticles.$inferInsert;
