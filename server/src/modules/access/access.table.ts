import type { ReviewScope } from '@dingops/shared/access';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Systems access is granted to (ERP, VPN, file shares, DingTalk admin roles …), each with an owner. */
export const accessSystems = pgTable('access_systems', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  description: text('description'),
  ownerDingtalkId: text('owner_dingtalk_id').notNull(),
  /** As DingTalk named the owner when the system was added (shown until they log in). */
  ownerName: text('owner_name'),
  /** IT does a step in the system itself before a grant is active and after it ends. */
  manualProvisioning: boolean('manual_provisioning').notNull().default(false),
  reviewer: text('reviewer', { enum: ['manager', 'owner'] }).notNull().default('manager'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** A grantable role of a system, with its risk and the longest it may be held. */
export const accessRoles = pgTable(
  'access_roles',
  {
    id: serial('id').primaryKey(),
    systemId: integer('system_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    risk: text('risk', { enum: ['low', 'medium', 'high'] }).notNull(),
    maxDays: integer('max_days').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (table) => [uniqueIndex('access_roles_system_name_idx').on(table.systemId, table.name)],
);

/** A request for a role, approved in DingTalk's approval app (rule S2). */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: serial('id').primaryKey(),
    /** Who would hold the role. */
    userDingtalkId: text('user_dingtalk_id').notNull(),
    /** The holder's name when asked (people who never logged in to DingOps have no account to read it from). */
    userName: text('user_name'),
    /** Who asked: the holder, or their manager. */
    requesterDingtalkId: text('requester_dingtalk_id').notNull(),
    roleId: integer('role_id').notNull(),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'refused', 'withdrawn', 'failed'] }).notNull(),
    /** [{userId, step, name}] in approval order; the name as DingTalk gave it when asked. */
    approvers: jsonb('approvers').$type<{ userId: string; step: 'manager' | 'owner' | 'security'; name?: string | null }[]>().notNull(),
    approvalInstanceId: text('approval_instance_id').unique(),
    extendsGrantId: integer('extends_grant_id'),
    decisionNote: text('decision_note'),
    createdAt: at('created_at').notNull(),
    decidedAt: at('decided_at'),
  },
  (table) => [
    // Least privilege, race-proof: one open request per person and role.
    uniqueIndex('access_requests_one_pending_idx').on(table.userDingtalkId, table.roleId).where(sql`${table.status} = 'pending'`),
    index('access_requests_user_idx').on(table.userDingtalkId, table.id),
  ],
);

/** A role held for a span: from approval to its end, expiry or revocation. */
export const accessGrants = pgTable(
  'access_grants',
  {
    id: serial('id').primaryKey(),
    userDingtalkId: text('user_dingtalk_id').notNull(),
    userName: text('user_name'),
    roleId: integer('role_id').notNull(),
    requestId: integer('request_id'),
    approvalInstanceId: text('approval_instance_id'),
    status: text('status', { enum: ['provisioning', 'active', 'expired', 'revoked'] }).notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    activatedAt: at('activated_at'),
    endedAt: at('ended_at'),
    endReason: text('end_reason'),
    /** When the holder and their manager were told the end is near. */
    remindedAt: at('reminded_at'),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    // Least privilege, race-proof: a role is held at most once at a time.
    uniqueIndex('access_grants_one_held_idx').on(table.userDingtalkId, table.roleId).where(sql`${table.status} in ('provisioning', 'active')`),
    index('access_grants_user_idx').on(table.userDingtalkId, table.id),
    index('access_grants_role_span_idx').on(table.roleId, table.startsAt),
    index('access_grants_held_ends_idx').on(table.endsAt).where(sql`${table.status} in ('provisioning', 'active')`),
  ],
);

/** A manual step for IT in the target system: give the role, or take it away. */
export const accessTasks = pgTable(
  'access_tasks',
  {
    id: serial('id').primaryKey(),
    grantId: integer('grant_id').notNull(),
    kind: text('kind', { enum: ['provision', 'deprovision'] }).notNull(),
    status: text('status', { enum: ['open', 'done'] }).notNull().default('open'),
    doneBy: text('done_by'),
    doneAt: at('done_at'),
    createdAt: at('created_at').notNull(),
  },
  (table) => [uniqueIndex('access_tasks_grant_kind_idx').on(table.grantId, table.kind), index('access_tasks_open_idx').on(table.status, table.id)],
);

/** A review campaign (quarterly, on demand, or a mover's targeted review). */
export const accessReviews = pgTable('access_reviews', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['campaign', 'mover'] }).notNull(),
  scope: jsonb('scope').$type<ReviewScope>().notNull(),
  status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
  dueAt: at('due_at').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: at('created_at').notNull(),
  closedAt: at('closed_at'),
});

/** One grant to decide in a campaign, by one reviewer. */
export const accessReviewItems = pgTable(
  'access_review_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reviewId: integer('review_id').notNull(),
    grantId: integer('grant_id').notNull(),
    reviewerDingtalkId: text('reviewer_dingtalk_id').notNull(),
    decision: text('decision', { enum: ['keep', 'revoke', 'shorten'] }),
    comment: text('comment'),
    decidedBy: text('decided_by'),
    decidedAt: at('decided_at'),
    /** When the reviewer first opened their list, to measure seconds per item (rubber-stamping). */
    firstSeenAt: at('first_seen_at'),
    remindedAt: at('reminded_at'),
    escalatedTo: text('escalated_to'),
    escalatedAt: at('escalated_at'),
  },
  (table) => [
    uniqueIndex('access_review_items_grant_idx').on(table.reviewId, table.grantId),
    index('access_review_items_reviewer_idx').on(table.reviewId, table.reviewerDingtalkId, table.id),
    // "Mine" is assigned to me or escalated to me: both sides indexed, so a reviewer's page never reads the whole campaign.
    index('access_review_items_escalated_idx').on(table.reviewId, table.escalatedTo, table.id).where(sql`${table.escalatedTo} is not null`),
  ],
);

export type AccessSystemRow = typeof accessSystems.$inferSelect;
export type AccessRoleRow = typeof accessRoles.$inferSelect;
export type AccessRequestRow = typeof accessRequests.$inferSelect;
export type AccessGrantRow = typeof accessGrants.$inferSelect;
export type AccessTaskRow = typeof accessTasks.$inferSelect;
export type AccessReviewRow = typeof accessReviews.$inferSelect;
export type AccessReviewItemRow = typeof accessReviewItems.$inferSelect;
