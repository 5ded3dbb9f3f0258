import { alertGroupChatListSchema, alertGroupDetailSchema, alertGroupPageSchema, alertGroupSchema, alertSummarySchema, type AlertGroupAction } from '@dingops/shared/alerts';
import { apiRequest } from '../../../lib/api-client';

export type GroupFilters = { level?: 1 | 2 | 3; status?: 'firing' | 'acknowledged' | 'resolved'; chat?: string; q?: string };

/** GET /alerts/groups (IT): newest first, one page per cursor. */
export function listAlertGroups({ filters, cursor, limit, signal }: { filters: GroupFilters; cursor?: string | null; limit?: number; signal?: AbortSignal }) {
  return apiRequest('/alerts/groups', { query: { ...filters, cursor, limit }, schema: alertGroupPageSchema, signal, silent: true });
}

/** GET /alerts/summary (IT): open groups per level, for the home tile. */
export function getAlertSummary(signal?: AbortSignal) {
  return apiRequest('/alerts/summary', { schema: alertSummarySchema, signal, silent: true });
}

/** GET /alerts/group-chats (IT): the chats alert cards go to, for the chat filter. */
export function listAlertGroupChats(signal?: AbortSignal) {
  return apiRequest('/alerts/group-chats', { schema: alertGroupChatListSchema, signal, silent: true });
}

/** GET /alerts/groups/:groupId (IT): the group with its alerts and timeline. */
export function getAlertGroup(groupId: string, signal?: AbortSignal) {
  return apiRequest(`/alerts/groups/${encodeURIComponent(groupId)}`, { schema: alertGroupDetailSchema, signal, silent: true });
}

/** POST /alerts/groups/:groupId/actions (IT): the same buttons as the DingTalk card. */
export function actOnAlertGroup(groupId: string, action: AlertGroupAction, note?: string) {
  return apiRequest(`/alerts/groups/${encodeURIComponent(groupId)}/actions`, { method: 'POST', body: { action, note }, schema: alertGroupSchema, silent: true });
}
