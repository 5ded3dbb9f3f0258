import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export interface DepartmentRef {
  id: number;
  name: string;
  isLeader: boolean;
}

/** People as DingTalk knows them, refreshed at each login and by org events. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dingtalkUserId: text('dingtalk_user_id').notNull().unique(),
    unionId: text('union_id'),
    name: text('name').notNull(),
    title: text('title'),
    avatarUrl: text('avatar_url'),
    /** Personal data: encrypted at rest (rule S3). */
    mobileEncrypted: text('mobile_encrypted'),
    email: text('email'),
    departments: jsonb('departments').$type<DepartmentRef[]>().notNull().default([]),
    isDepartmentLeader: boolean('is_department_leader').notNull().default(false),
    managerDingtalkUserId: text('manager_dingtalk_user_id'),
    status: text('status', { enum: ['active', 'pending', 'suspended', 'rejected'] }).notNull().default('active'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('users_name_idx').on(table.name, table.id)],
);

/**
 * Roles an admin granted, keyed by DingTalk user id so a grant can exist before the person's first
 * login (the first admins come from ADMIN_USER_IDS).
 */
export const roleGrants = pgTable(
  'role_grants',
  {
    dingtalkUserId: text('dingtalk_user_id').notNull(),
    role: text('role', { enum: ['it_staff', 'it_admin', 'auditor'] }).notNull(),
    grantedBy: text('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.dingtalkUserId, table.role] })],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
