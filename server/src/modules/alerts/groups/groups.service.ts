import type { AlertGroup, AlertGroupChat, AlertGroupDetail, AlertSummary, ListAlertGroupsQuery } from '@dingops/shared/alerts';
import type { AlertLevel } from '@dingops/shared/rules/alert-classify';
import { readWalk } from '@dingops/shared/rules/escalation';
import type { Executor } from '../../../db/client';
import { decodeCursor, invalidCursor, keysetPage } from '../../../platform/pagination/cursor';
import { groupNotFound } from '../alerts.errors';
import type { AlertGroupRow } from '../alerts.table';
import type { GroupsRepository } from './groups.repository';

/** Where a group's card goes and who may see which groups: the configured chats. */
export interface AlertChats {
  /** Where a group without a route of its own sends its card, and level 3's digest. */
  itOps: string | null;
  security: string | null;
  leadership: string | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Where the alert list (level, then newest) continues, from a cursor it handed out; null for the first page. */
function levelCursorOf(cursor: string | undefined): { level: number; id: bigint } | null {
  if (!cursor) return null;
  const [level, id] = decodeCursor(cursor, 2);
  if (!level || !/^[123]$/.test(level) || !id || !/^\d{1,18}$/.test(id)) throw invalidCursor();
  return { level: Number(level), id: BigInt(id) };
}

export function toGroup(row: AlertGroupRow, itOpsChat: string | null): AlertGroup {
  return {
    id: String(row.id),
    sourceId: row.sourceId,
    groupKey: row.groupKey,
    title: row.title,
    labels: row.labels,
    level: row.level as AlertLevel,
    levelReason: row.levelReason,
    matchedRule: row.matchedRule,
    status: row.status,
    firingCount: row.firingCount,
    alertCount: row.alertCount,
    summary: row.summary,
    flapping: row.flapping,
    suppressed: row.suppressed,
    acknowledgedBy: row.acknowledgedBy,
    acknowledgedAt: iso(row.acknowledgedAt),
    openedAt: row.openedAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    ticketId: row.ticketId,
    escalationPolicyId: row.escalationPolicyId,
    escalationStepsDone: readWalk(row.escalationStepsDone).reached,
    escalationStepsPassed: readWalk(row.escalationStepsDone).passed,
    growthRaisedAt: iso(row.growthRaisedAt),
    warRoom: row.warRoomRequestedAt ? { requestedAt: row.warRoomRequestedAt.toISOString(), conversationId: row.warRoomConversationId, title: row.warRoomTitle } : null,
    folded: row.cardState === 'folded',
    // Level 3 has no card of its own: the digest goes to the IT ops group.
    chat: row.level === 3 ? itOpsChat : (row.routeGroupId ?? itOpsChat),
  };
}

/** A group, locked when inside a transaction, or not found. */
export async function requireGroup(repo: Pick<GroupsRepository, 'findGroup' | 'lockGroup'>, id: bigint, tx?: Executor): Promise<AlertGroupRow> {
  const row = tx ? await repo.lockGroup(id, tx) : await repo.findGroup(id);
  if (!row) throw groupNotFound(String(id));
  return row;
}

/** Alert groups as the micro-app reads them: the list, the per-level summary, the chats, one group with its alerts and timeline. */
export function createGroupsService({ repo, chats }: { repo: GroupsRepository; chats: AlertChats }) {
  const view = (row: AlertGroupRow) => toGroup(row, chats.itOps);
  return {
    toGroup: view,
    async listGroups(query: ListAlertGroupsQuery) {
      const chat = query.chat ? { conversationId: query.chat, defaultChat: chats.itOps } : undefined;
      const rows = await repo.listGroups({ filter: { level: query.level, status: query.status, chat, q: query.q }, after: levelCursorOf(query.cursor), limit: query.limit + 1 });
      const page = keysetPage(rows, query.limit, (row) => [String(row.level), String(row.id)]);
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    },
    /** What is open at each level, for the home tile and anyone glancing at the state of things. */
    async summary(): Promise<AlertSummary> {
      const rows = await repo.openGroupStates();
      return {
        levels: ([1, 2, 3] as const).map((level) => {
          const row = rows.find((candidate) => candidate.level === level);
          return { level, unacknowledged: row?.unacknowledged ?? 0, silenced: row?.silenced ?? 0, acknowledged: row?.acknowledged ?? 0 };
        }),
      };
    },
    /** The chats alert cards go to: the IT ops group first (even before its first alert), then the rest. */
    async listGroupChats(): Promise<{ items: AlertGroupChat[] }> {
      const counts = await repo.groupCountsByChat(chats.itOps);
      const { itOps, security, leadership } = chats;
      const roleOf = (conversationId: string): AlertGroupChat['role'] => (conversationId === itOps ? 'it_ops' : conversationId === security ? 'security' : conversationId === leadership ? 'leadership' : 'other');
      const items = counts.map((count) => ({ conversationId: count.chat, role: roleOf(count.chat), groups: count.groups, openGroups: count.openGroups }));
      if (itOps && !items.some((item) => item.conversationId === itOps)) items.push({ conversationId: itOps, role: 'it_ops', groups: 0, openGroups: 0 });
      return { items: items.sort((a, b) => Number(b.role === 'it_ops') - Number(a.role === 'it_ops')) };
    },
    async getGroup(id: bigint): Promise<AlertGroupDetail> {
      const row = await requireGroup(repo, id);
      const [alertRows, eventRows] = await Promise.all([repo.alertsOf(id), repo.eventsOf(id)]);
      return {
        ...view(row),
        alerts: alertRows.map((alert) => ({
          // An alert is its fingerprint within the group's source.
          id: alert.fingerprint,
          fingerprint: alert.fingerprint,
          status: alert.status,
          labels: alert.labels,
          annotations: alert.annotations,
          level: alert.level as AlertLevel,
          silenced: alert.silenced,
          inhibited: alert.inhibited,
          startsAt: alert.startsAt.toISOString(),
          endsAt: iso(alert.endsAt),
          lastSeenAt: alert.lastSeenAt.toISOString(),
          generatorUrl: alert.generatorUrl,
        })),
        timeline: eventRows.map((event) => ({ at: event.at.toISOString(), kind: event.kind, actorName: event.actorName, note: event.note })),
      };
    },
  };
}

export type GroupsService = ReturnType<typeof createGroupsService>;
