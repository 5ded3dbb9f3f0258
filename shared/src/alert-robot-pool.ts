import { z } from 'zod';
import { openConversationIdSchema } from './alerts';

/**
 * Request and response shapes of /api/v1/alerts/chats/:conversationId/robots (机器人池): the custom
 * (webhook) robots of a DingTalk group that may carry DingOps's markdown messages beside the app robot.
 * A custom robot takes 20 messages a minute, so each robot added raises the group's budget by 20.
 */

/** A group holds at most this many pool robots (more would not be manageable by hand). */
export const maxPoolRobotsPerChat = 10;

export const poolRobotBodySchema = z.object({
  name: z.string().trim().min(1).max(50),
  /** The robot's webhook, `https://oapi.dingtalk.com/robot/send?access_token=…`. Stored encrypted, never shown again. */
  webhookUrl: z.string().trim().min(1).max(1000),
  /** The signing secret (加签, `SEC…`) when the robot's security setting is signing. Stored encrypted. */
  secret: z
    .string()
    .trim()
    .regex(/^SEC[0-9A-Za-z]{8,200}$/, 'must be the robot’s signing secret, starting with SEC')
    .nullable()
    .optional(),
  enabled: z.boolean().default(true),
});
export type PoolRobotBody = z.infer<typeof poolRobotBodySchema>;

export const poolRobotSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  name: z.string(),
  /** The webhook with its token masked, e.g. `…/robot/send?access_token=…3f9a`. */
  webhookHint: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type PoolRobot = z.infer<typeof poolRobotSchema>;
export const poolRobotListSchema = z.object({ items: z.array(poolRobotSchema) });

export const chatParamsSchema = z.object({ conversationId: openConversationIdSchema });
export const poolRobotParamsSchema = chatParamsSchema.extend({ robotId: z.uuid() });

/** The chats an admin may give a pool: the configured IT ops and leadership groups, and any chat that has one. */
export const poolChatSchema = z.object({
  conversationId: z.string(),
  /** Which configured group it is, so the app can name it; 'other' for chats known only by their pool. */
  role: z.enum(['it_ops', 'leadership', 'other']),
  robots: z.number().int(),
  enabledRobots: z.number().int(),
});
export type PoolChat = z.infer<typeof poolChatSchema>;
export const poolChatListSchema = z.object({ items: z.array(poolChatSchema) });
