import { bigint, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

/** "这个有用" marks: one per person per article, so the article's `helpful` counter counts people, not clicks. */
export const knowledgeHelpfulMarks = pgTable(
  'knowledge_helpful_marks',
  {
    articleId: bigint('article_id', { mode: 'bigint' }).notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.articleId, table.userId] })],
);
