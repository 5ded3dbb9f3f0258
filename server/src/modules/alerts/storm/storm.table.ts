import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * An alert storm in one chat: while level-2 cards come too fast, new level-2 groups are folded into
 * this storm's one summary card (its outTrackId is the key) instead of getting a card each.
 */
export const alertStorms = pgTable(
  'alert_storms',
  {
    cardId: text('card_id').primaryKey(),
    chatId: text('chat_id').notNull(),
    startedAt: ts('started_at').notNull(),
    /** The storm ends when nothing was folded for a while (see stormIsOver). */
    lastFoldAt: ts('last_fold_at').notNull(),
    cardVersion: integer('card_version').notNull().default(1),
    cardUpdatedAt: ts('card_updated_at').notNull(),
    /** The summary lags behind its groups (a damped update): the flush job sends it. */
    cardDirty: boolean('card_dirty').notNull().default(false),
  },
  (table) => [index('alert_storms_chat_idx').on(table.chatId, table.lastFoldAt), index('alert_storms_dirty_idx').on(table.cardDirty)],
);

export type AlertStormRow = typeof alertStorms.$inferSelect;
