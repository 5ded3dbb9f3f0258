import { z } from 'zod';
import { assignableRoleSchema, roleSchema } from './roles';

export const departmentRefSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  isLeader: z.boolean(),
});

/**
 * An account's state (rule S1): `pending` waits for IT to review a first login, `rejected` was refused
 * by IT, `suspended` was stopped (a leaver, a lost laptop). Only `active` people use DingOps.
 */
export const userStatusSchema = z.enum(['active', 'pending', 'suspended', 'rejected']);
export type UserStatus = z.infer<typeof userStatusSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  dingtalkUserId: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  departments: z.array(departmentRefSchema),
  roles: z.array(roleSchema),
  isManager: z.boolean(),
  status: userStatusSchema,
  lastLoginAt: z.iso.datetime().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const userIdParamsSchema = z.object({ userId: z.uuid() });

export const listUsersQuerySchema = z.object({
  q: z.string().trim().min(1).max(50).optional(),
  role: roleSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const userPageSchema = z.object({
  items: z.array(userSchema),
  nextCursor: z.string().nullable(),
});

export const setRolesBodySchema = z.object({
  roles: z.array(assignableRoleSchema).max(3),
});
export type SetRolesBody = z.infer<typeof setRolesBodySchema>;

/** Why an account is suspended or made active again; kept in the audit row. */
const statusReasonSchema = z.string().trim().min(1).max(200);

export const suspendUserBodySchema = z.object({ reason: statusReasonSchema });
export type SuspendUserBody = z.infer<typeof suspendUserBodySchema>;

export const reactivateUserBodySchema = z.object({ reason: statusReasonSchema.optional() });
export type ReactivateUserBody = z.infer<typeof reactivateUserBodySchema>;

/** A person waiting for registration review, with what IT needs to recognise them. */
export const pendingUserSchema = z.object({
  id: z.uuid(),
  dingtalkUserId: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  departments: z.array(departmentRefSchema),
  title: z.string().nullable(),
  /** The DingTalk mobile with its middle hidden (138****5678); null when DingTalk gave none. */
  mobileMasked: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type PendingUser = z.infer<typeof pendingUserSchema>;

export const pendingUsersSchema = z.object({ items: z.array(pendingUserSchema) });
export type PendingUsers = z.infer<typeof pendingUsersSchema>;

/** Why IT refused a registration; the person is told this reason. */
export const rejectUserBodySchema = z.object({ reason: statusReasonSchema });
export type RejectUserBody = z.infer<typeof rejectUserBodySchema>;
