import type { AlertGroupAction } from '@dingops/shared/alerts';
import { type AlertLevel, levelNames, raiseLevel } from '@dingops/shared/rules/alert-classify';
import { beijingTime } from '@dingops/shared/rules/beijing-time';
import type { User } from '@dingops/shared/users';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { actionNotApplicable, ticketsUnavailable } from '../alerts.errors';
import type { AlertGroupRow } from '../alerts.table';
import type { CardSettingsNow } from '../group-state/card-settings';
import { cardPlan } from '../group-state/group-state.rules';
import type { AlertNotifier } from '../notify/alert-notifier';
import type { SilencesService } from '../rules/silences.service';
import type { StormFolding } from '../storm/storm.service';
import type { GroupEventInput, GroupsRepository } from './groups.repository';
import { requireGroup } from './groups.service';
import type { TicketsContract } from '../../tickets';

/** The buttons of a group's card and of the micro-app, pressed by IT staff. */
export function createGroupActions({
  db,
  repo,
  audit,
  notifier,
  silences,
  storms,
  tickets,
  cardSettingsNow,
  clock,
}: {
  db: Db;
  repo: GroupsRepository;
  audit: AuditService;
  notifier: AlertNotifier;
  silences: Pick<SilencesService, 'silenceGroup'>;
  storms: StormFolding;
  tickets: TicketsContract | null;
  cardSettingsNow: CardSettingsNow;
  clock: () => Date;
}) {
  /** 认领 / 解决 / 静默1小时 / 升级 / 创建工单, from the card or the micro-app; the card is then updated. */
  async function actInTransaction({ id, action, note, actor, context }: { id: bigint; action: AlertGroupAction; note?: string | undefined; actor: User; context: AuditContext }, tx: Executor): Promise<AlertGroupRow> {
    const now = clock();
    const before = await requireGroup(repo, id, tx);
    const open = before.status !== 'resolved';
    let after: AlertGroupRow = before;
    let eventNote: string | null = note ?? null;
    const summary: Record<string, unknown> = { from: before.status };
    switch (action) {
      case 'acknowledge':
        if (before.status !== 'firing') throw actionNotApplicable({ action, status: before.status });
        after = { ...before, status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor.name, acknowledgedByDingtalkId: actor.dingtalkUserId };
        break;
      case 'resolve':
        if (!open) throw actionNotApplicable({ action, status: before.status });
        await repo.resolveAlertsOf(id, now, tx);
        after = { ...before, status: 'resolved', resolvedAt: now, resolvedManually: true, firingCount: 0, mutedFiringCount: 0, suppressed: false };
        break;
      case 'silence_1h': {
        if (!open) throw actionNotApplicable({ action, status: before.status });
        const silence = await silences.silenceGroup({ groupId: id, labels: before.labels, now, reason: note ?? '从告警卡片静默 1 小时', actor, context }, tx);
        after = { ...before, suppressed: true, mutedFiringCount: before.firingCount };
        eventNote = `静默至 ${beijingTime(new Date(now.getTime() + 3_600_000))}`;
        summary.silenceId = silence.id;
        break;
      }
      case 'escalate': {
        if (!open || before.level === 1) throw actionNotApplicable({ action, status: before.level === 1 ? '一级' : before.status });
        const level = raiseLevel(before.level as AlertLevel);
        after = { ...before, level, levelRaised: true, levelReason: `${levelNames[level]}：${actor.name} 手动升级（原${levelNames[before.level as AlertLevel]}）` };
        eventNote = `${levelNames[before.level as AlertLevel]} → ${levelNames[level]}`;
        summary.level = level;
        break;
      }
      case 'create_ticket': {
        if (before.ticketId) throw actionNotApplicable({ action, status: `linked to ticket ${before.ticketId}` });
        if (!tickets) throw ticketsUnavailable();
        const description = [before.summary ?? '', `告警组：${before.groupKey}`, `级别原因：${before.levelReason}`, `触发中：${before.firingCount}/${before.alertCount}`].filter(Boolean).join('\n');
        const ticket = await tickets.createFromAlert({ alertGroupId: String(id), title: `[告警] ${before.title}`, description, level: before.level as AlertLevel, actor }, tx, context);
        after = { ...before, ticketId: String(ticket.id) };
        eventNote = `工单 ${ticket.number}`;
        summary.ticketId = String(ticket.id);
        break;
      }
      case 'open_war_room': {
        if (!open || before.level !== 1) throw actionNotApplicable({ action, status: before.level !== 1 ? levelNames[before.level as AlertLevel] : before.status });
        // Once per group: a second press is refused and says which room exists.
        if (before.warRoomRequestedAt) throw actionNotApplicable({ action, status: `given war room ${before.warRoomTitle ?? ''}`.trim() });
        after = await notifier.openWarRoom(tx, before, { actor, now });
        eventNote = `作战群：${after.warRoomTitle}`;
        summary.warRoom = after.warRoomTitle;
        break;
      }
    }
    const events: GroupEventInput[] = [{ groupId: id, at: now, kind: action, actorId: actor.id, actorName: actor.name, note: eventNote }];
    const plan = cardPlan({ group: after, statusChanged: true, now, settings: { ...(await cardSettingsNow(tx)), flapDampSeconds: 0 } });
    after = await notifier.applyCardPlan(tx, after, { plan: plan === 'dirty' ? 'none' : plan, now, atUsers: [] });
    if (after.cardState === 'folded' && after.status !== before.status) await storms.touch(tx, after);
    const { id: _id, ...patch } = after;
    const saved = await repo.updateGroup(id, { ...patch, updatedAt: now }, tx);
    await repo.addEvents(events, tx);
    await audit.record(context, { action: `alerts.group_${action}`, target: { type: 'alert_group', id: String(id) }, summary: { ...summary, to: saved.status } }, tx);
    return saved;
  }

  return {
    act(input: { id: bigint; action: AlertGroupAction; note?: string | undefined; actor: User; context: AuditContext }): Promise<AlertGroupRow> {
      return db.transaction((tx) => actInTransaction(input, tx));
    },

    actInTransaction,
  };
}

export type GroupActions = ReturnType<typeof createGroupActions>;
