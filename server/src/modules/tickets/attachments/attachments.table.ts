import { bigint, bigserial, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Screenshots attached to tickets. Kept in Postgres, not on a local disk, so every instance serves
 * them and a database backup holds them (DESIGN house rule 1); encrypted, since they show people's
 * screens (rule S3).
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
    /** The file's bytes, sealed with its own data key (rule S3); plain only in rows older than encryption, sealed at start. */
    data: bytea('data').notNull(),
    /** The file's data key, through the field cipher (`enc:<version>:…`), so a key rotation rewrites this alone. Null: `data` is still plain. */
    dataKey: text('data_key'),
    /** The algorithm `data` is sealed with under that key; null while `data` is plain. */
    dataCipher: text('data_cipher', { enum: ['aes-256-gcm', 'sm4-cbc-hmac-sm3'] }),
    uploadedBy: uuid('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('ticket_attachments_ticket_idx').on(table.ticketId, table.id)],
);

export type AttachmentRow = typeof ticketAttachments.$inferSelect;
