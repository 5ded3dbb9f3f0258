import { z } from 'zod';
import { assignableRoleSchema } from './roles';
import { userSchema, userStatusSchema } from './users';

/** What the micro-app needs before login: where DingTalk is and which app it is. */
export const publicConfigSchema = z.object({
  mode: z.enum(['sandbox', 'live']),
  corpId: z.string(),
  clientId: z.string(),
  agentId: z.string(),
  /** Sandbox only: base URL of the sandbox's JSON API, for the "log in as" picker. */
  sandboxApiUrl: z.string().nullable(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;

export const dingtalkLoginBodySchema = z.object({
  authCode: z.string().trim().min(1).max(256),
});
export type DingtalkLoginBody = z.infer<typeof dingtalkLoginBodySchema>;

export const sessionSchema = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.iso.datetime(),
  /** Seconds the token is valid from now; clients count from their own clock, which may be off. */
  expiresIn: z.number().int().positive(),
  user: userSchema,
});
export type Session = z.infer<typeof sessionSchema>;

/**
 * Sandbox only, before login: what DingOps knows of each demo person's access, so the "log in as"
 * picker shows their DingOps role rather than a job title. Roles follow with `effectiveRoles`.
 */
export const sandboxPersonAccessSchema = z.object({
  dingtalkUserId: z.string(),
  granted: z.array(assignableRoleSchema),
  /** Null for someone DingOps has not met: their first login reads it from DingTalk. */
  isDepartmentLeader: z.boolean().nullable(),
  status: userStatusSchema.nullable(),
});
export type SandboxPersonAccess = z.infer<typeof sandboxPersonAccessSchema>;

export const sandboxAccessSchema = z.object({ people: z.array(sandboxPersonAccessSchema) });
export type SandboxAccess = z.infer<typeof sandboxAccessSchema>;
