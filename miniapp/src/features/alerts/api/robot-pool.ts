import { poolChatListSchema, poolRobotListSchema, poolRobotSchema, type PoolRobotBody } from '@dingops/shared/alert-robot-pool';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const chatPath = (conversationId: string) => `/alerts/chats/${encodeURIComponent(conversationId)}/robots`;

/** GET /alerts/chats (it_admin): the configured groups and any chat with a pool. */
export async function listPoolChats(signal?: AbortSignal) {
  return (await apiRequest('/alerts/chats', { schema: poolChatListSchema, signal, silent: true })).items;
}

/** GET /alerts/chats/:conversationId/robots (it_admin): masked hints only, never the URL or secret. */
export async function listPoolRobots(conversationId: string, signal?: AbortSignal) {
  return (await apiRequest(chatPath(conversationId), { schema: poolRobotListSchema, signal, silent: true })).items;
}

/** POST /alerts/chats/:conversationId/robots (it_admin). */
export function addPoolRobot(conversationId: string, body: PoolRobotBody) {
  return apiRequest(chatPath(conversationId), { method: 'POST', body, schema: poolRobotSchema, silent: true });
}

/** DELETE /alerts/chats/:conversationId/robots/:robotId (it_admin): answers 204. */
export async function removePoolRobot(conversationId: string, robotId: string): Promise<void> {
  await apiRequest(`${chatPath(conversationId)}/${encodeURIComponent(robotId)}`, { method: 'DELETE', schema: z.unknown(), silent: true });
}
