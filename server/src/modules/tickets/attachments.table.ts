import { bigint, bigserial, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Screenshots attached to tickets. Kept in Postgres, not on a local disk, so every instance serves
 * them and a database backup holds them (DESIGN house rule 1).
 */
export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    ticketId: bigint('ticket_id', { mode: 'bigint' }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('ticket_attachments_ticket_idx').on(table.ticketId, table.id)],
);

export type AttachmentRow = typeof ticketAttachments.$inferSelect;
