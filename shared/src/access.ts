import { z } from 'zod';

// Access governance (issue 12; rules S1, S2, S4, S5): a catalog of systems and their grantable
// roles, requests approved in DingTalk's approval app, grants that end, and periodic reviews.
// People are named by their DingTalk user id throughout (an owner or a holder may never have
// logged in to DingOps).

export const riskSchema = z.enum(['low', 'medium', 'high']);
export type Risk = z.infer<typeof riskSchema>;

/** Who reviews a system's grants in a campaign: the holder's manager, or the system's owner. */
export const reviewerKindSchema = z.enum(['manager', 'owner']);
export type ReviewerKind = z.infer<typeof reviewerKindSchema>;

export const dingtalkUserIdSchema = z.string().trim().min(1).max(64);
const nameSchema = z.string().trim().min(1).max(60);
const descriptionSchema = z.string().trim().max(500);
/** The longest a grant may last, whatever a role says: two years. */
export const maxGrantDays = 730;

export const accessRoleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  risk: riskSchema,
  maxDays: z.number().int(),
  description: z.string().nullable(),
});
export type AccessRole = z.infer<typeof accessRoleSchema>;

export const accessSystemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  ownerUserId: z.string(),
  ownerName: z.string().nullable(),
  description: z.string().nullable(),
  /** IT must do a manual step in the system before a grant is active (or after it is revoked). */
  manualProvisioning: z.boolean(),
  reviewer: reviewerKindSchema,
  roles: z.array(accessRoleSchema),
});
export type AccessSystem = z.infer<typeof accessSystemSchema>;

export const catalogSchema = z.object({ items: z.array(accessSystemSchema) });
export type Catalog = z.infer<typeof catalogSchema>;

export const createSystemBodySchema = z.object({
  name: nameSchema,
  ownerUserId: dingtalkUserIdSchema,
  description: descriptionSchema.optional(),
  manualProvisioning: z.boolean().default(false),
  reviewer: reviewerKindSchema.default('manager'),
});
export type CreateSystemBody = z.infer<typeof createSystemBodySchema>;

export const createRoleBodySchema = z.object({
  name: nameSchema,
  risk: riskSchema,
  maxDays: z.number().int().min(1).max(maxGrantDays),
  description: descriptionSchema.optional(),
});
export type CreateRoleBody = z.infer<typeof createRoleBodySchema>;

export const createdSchema = z.object({ id: z.number().int() });
export const systemIdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
export const idParamsSchema = systemIdParamsSchema;

// ---- Requests ----

export const requestStatusSchema = z.enum(['pending', 'approved', 'refused', 'withdrawn', 'failed']);
export type RequestStatus = z.infer<typeof requestStatusSchema>;

export const createRequestBodySchema = z.object({
  roleId: z.number().int().min(1).max(2_147_483_647),
  reason: z.string().trim().min(2).max(500),
  days: z.number().int().min(1).max(maxGrantDays),
  /** A manager asks for a member of their team; omitted, the request is for oneself. */
  forUserId: dingtalkUserIdSchema.optional(),
  /** Set by "extend": the grant this request would continue. */
  extendsGrantId: z.number().int().min(1).max(2_147_483_647).optional(),
});
export type CreateRequestBody = z.infer<typeof createRequestBodySchema>;

export const accessRequestSchema = z.object({
  id: z.number().int(),
  status: requestStatusSchema,
  userId: z.string(),
  userName: z.string().nullable(),
  requesterId: z.string(),
  roleId: z.number().int(),
  roleName: z.string(),
  systemId: z.number().int(),
  systemName: z.string(),
  risk: riskSchema,
  days: z.number().int(),
  reason: z.string(),
  /** Approvers in order, as shown on the DingTalk approval. */
  approvers: z.array(z.object({ userId: z.string(), name: z.string().nullable(), step: z.enum(['manager', 'owner', 'security']) })),
  /** Null until DingTalk has the instance (the outbox delivers it within seconds). */
  approvalInstanceId: z.string().nullable(),
  /** The approval in DingTalk's approval app, once it exists. */
  approvalUrl: z.string().nullable(),
  extendsGrantId: z.number().int().nullable(),
  grantId: z.number().int().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});
export type AccessRequest = z.infer<typeof accessRequestSchema>;

export const createdRequestSchema = z.object({ id: z.number().int(), status: requestStatusSchema, approvalInstanceId: z.string().nullable() });

export const listRequestsQuerySchema = z.object({
  /** `mine` (for or by me), `team` (my team's, for managers), `approvals` (waiting on me in DingTalk), `all` (IT, auditors). */
  scope: z.enum(['mine', 'team', 'approvals', 'all']).default('mine'),
  status: requestStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListRequestsQuery = z.infer<typeof listRequestsQuerySchema>;
export const requestPageSchema = z.object({ items: z.array(accessRequestSchema), nextCursor: z.string().nullable() });

export const withdrawBodySchema = z.object({ reason: z.string().trim().max(200).optional() });

// ---- Grants ----

/** `provisioning`: approved, waiting for IT's manual step; counts as held for least privilege. */
export const grantStatusSchema = z.enum(['provisioning', 'active', 'expired', 'revoked']);
export type GrantStatus = z.infer<typeof grantStatusSchema>;

export const grantSchema = z.object({
  id: z.number().int(),
  userId: z.string(),
  userName: z.string().nullable(),
  roleId: z.number().int(),
  roleName: z.string(),
  systemId: z.number().int(),
  systemName: z.string(),
  risk: riskSchema,
  status: grantStatusSchema,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  approvalInstanceId: z.string().nullable(),
  requestId: z.number().int().nullable(),
  activatedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  endReason: z.string().nullable(),
});
export type Grant = z.infer<typeof grantSchema>;

export const listGrantsQuerySchema = z.object({
  userId: dingtalkUserIdSchema.optional(),
  status: grantStatusSchema.optional(),
  systemId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ListGrantsQuery = z.infer<typeof listGrantsQuerySchema>;
export const grantPageSchema = z.object({ items: z.array(grantSchema), nextCursor: z.string().nullable() });

export const revokeBodySchema = z.object({ reason: z.string().trim().min(2).max(500) });

// ---- IT tasks (manual provisioning / de-provisioning) ----

export const taskSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['provision', 'deprovision']),
  status: z.enum(['open', 'done']),
  grantId: z.number().int(),
  userId: z.string(),
  userName: z.string().nullable(),
  systemName: z.string(),
  roleName: z.string(),
  createdAt: z.iso.datetime(),
  doneAt: z.iso.datetime().nullable(),
  doneBy: z.string().nullable(),
});
export type AccessTask = z.infer<typeof taskSchema>;
export const taskListSchema = z.object({ items: z.array(taskSchema) });
export const listTasksQuerySchema = z.object({ status: z.enum(['open', 'done']).default('open') });

// ---- Reviews (campaigns) ----

export const reviewScopeSchema = z.object({
  departmentId: z.number().int().optional(),
  systemId: z.number().int().min(1).optional(),
  risk: riskSchema.optional(),
  /** A mover's targeted review: only this person's grants. */
  userId: dingtalkUserIdSchema.optional(),
});
export type ReviewScope = z.infer<typeof reviewScopeSchema>;

export const createReviewBodySchema = z.object({
  name: z.string().trim().min(1).max(80),
  /** A department needs the holder's DingOps account (people who never logged in have no stored department). One person's review is a mover's, opened by DingTalk's org event. */
  scope: reviewScopeSchema.omit({ userId: true }).strict().default({}),
  dueAt: z.iso.datetime({ offset: true }),
});
export type CreateReviewBody = z.infer<typeof createReviewBodySchema>;

export const reviewDecisionSchema = z.enum(['keep', 'revoke', 'shorten']);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const reviewItemSchema = z.object({
  id: z.number().int(),
  grantId: z.number().int(),
  userId: z.string(),
  userName: z.string().nullable(),
  systemName: z.string(),
  roleName: z.string(),
  risk: riskSchema,
  endsAt: z.iso.datetime(),
  reviewerId: z.string(),
  decision: reviewDecisionSchema.nullable(),
  comment: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['campaign', 'mover']),
  scope: reviewScopeSchema,
  status: z.enum(['open', 'closed']),
  dueAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  total: z.number().int(),
  decided: z.number().int(),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

/** GET /reviews/:id: the campaign and the items the caller may decide (all of them for IT and auditors). */
export const reviewDetailSchema = reviewSummarySchema.extend({ items: z.array(reviewItemSchema), nextCursor: z.string().nullable() });
export const reviewItemsQuerySchema = z.object({
  /** Only items waiting for a decision. */
  pending: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const reviewListSchema = z.object({ items: z.array(reviewSummarySchema) });

export const decisionsBodySchema = z.object({
  items: z
    .array(
      z.object({
        itemId: z.number().int().min(1).max(2_147_483_647),
        decision: reviewDecisionSchema,
        comment: z.string().trim().max(500).optional(),
        /** For `shorten`: the new end, earlier than the grant's current end. */
        endsAt: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type DecisionsBody = z.infer<typeof decisionsBodySchema>;
/** `remaining`: the items the caller still has to decide in this campaign. */
export const decisionsResultSchema = z.object({ decided: z.number().int(), remaining: z.number().int() });

export const reviewReportSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  total: z.number().int(),
  decided: z.number().int(),
  decisions: z.object({ keep: z.number().int(), revoke: z.number().int(), shorten: z.number().int() }),
  revokesDone: z.number().int(),
  reviewers: z.array(
    z.object({
      reviewerId: z.string(),
      name: z.string().nullable(),
      total: z.number().int(),
      decided: z.number().int(),
      /** Kept everything, faster than a person can read (seconds per item below the threshold). */
      rubberStamp: z.boolean(),
      medianSecondsPerItem: z.number().nullable(),
    }),
  ),
});
export type ReviewReport = z.infer<typeof reviewReportSchema>;

// ---- Evidence ----

export const accessHistoryQuerySchema = z.object({
  systemId: z.coerce.number().int().min(1).max(2_147_483_647),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});
export type AccessHistoryQuery = z.infer<typeof accessHistoryQuerySchema>;

/** "Who had access to system X between A and B": every grant whose held span overlaps [from, to). */
export const accessHistorySchema = z.object({
  systemId: z.number().int(),
  systemName: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  items: z.array(grantSchema),
});

export const personAccessSchema = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  status: z.string().nullable(),
  grants: z.array(grantSchema),
  requests: z.array(accessRequestSchema),
  events: z.array(z.object({ at: z.iso.datetime(), action: z.string(), actorName: z.string().nullable(), summary: z.record(z.string(), z.unknown()) })),
});
export const personParamsSchema = z.object({ userId: dingtalkUserIdSchema });

// ---- The DingTalk approval form, as DingOps fills it ----

/** Labels of the 权限变更申请 form's components; DingTalk matches values by label. */
export const accessApprovalFormLabels = {
  system: '申请系统',
  permission: '申请权限',
  changeType: '变更类型',
  days: '有效期（天）',
  reason: '申请理由',
  requestId: 'DingOps申请单号',
  risk: '风险等级',
  holder: '权限使用人',
  link: '详情链接',
} as const;

export const riskLabels: Record<Risk, string> = { low: '低', medium: '中', high: '高' };
