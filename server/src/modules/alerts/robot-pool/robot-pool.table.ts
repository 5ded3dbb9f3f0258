import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A group chat's robot pool (机器人池): custom (webhook) robots that may carry DingOps's markdown
 * messages to the chat beside the app robot, each with its own 20-a-minute budget. The outbox worker
 * picks one at delivery time, when the budgets are known.
 */
export const alertChatRobots = pgTable(
  'alert_chat_robots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The group's openConversationId. */
    conversationId: text('conversation_id').notNull(),
    name: text('name').notNull(),
    /** `{ url, secret? }` encrypted together (rule S3): the webhook URL carries the robot's token. Same form as the outbox payloads. */
    robotEncrypted: text('robot_encrypted').notNull(),
    /** The URL with its token masked, the only form the API shows. */
    webhookHint: text('webhook_hint').notNull(),
    hasSecret: boolean('has_secret').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdById: text('created_by_id'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (table) => [uniqueIndex('alert_chat_robots_name_idx').on(table.conversationId, table.name)],
);

export type AlertChatRobotRow = typeof alertChatRobots.$inferSelect;
