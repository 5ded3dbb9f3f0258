import { z } from 'zod';
import { userSchema } from './users';

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
