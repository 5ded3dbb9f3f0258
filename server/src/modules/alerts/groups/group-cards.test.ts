import { describe, expect, it } from 'vitest';
import { decodeCardButtons, decodeCardFields } from '../../../dingtalk/cards-convention';
import { passedMark } from '@dingops/shared/rules/escalation';
import { alertCardParams, alertGroupIdOf, digestCardParams, durationText, escalationFallbackNote, escalationStepNote, pageDingContent, warRoomContextMessage, warRoomTitle } from './group-cards';
import type { AlertGroupRow } from '../alerts.table';

const now = new Date('2026-11-28T08:30:00Z');
const group: AlertGroupRow = {
  id: 7n,
  sourceId: '00000000-0000-4000-8000-000000000001',
  groupKey: '{alertname="ErpDatabaseDown",service="erp"}',
  labels: { alertname: 'ErpDatabaseDown', service: 'erp' },
  title: 'ErpDatabaseDown',
  summary: 'ERP 数据库 db1 无法连接',
  level: 1,
  levelReason: '一级：规则 erp-core 命中',
  matchedRule: 'erp-core',
  levelRaised: false,
  routeGroupId: null,
  escalationPolicyId: null,
  onCallScheduleId: null,
  status: 'firing',
  firingCount: 3,
  mutedFiringCount: 0,
  alertCount: 4,
  suppressed: false,
  flips: [],
  flapping: false,
  openedAt: new Date('2026-11-28T08:00:00Z'),
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgedByDingtalkId: null,
  resolvedAt: null,
  resolvedManually: false,
  escalationStepsDone: [0],
  ticketId: null,
  cardState: 'sent',
  cardVersion: 1,
  cardUpdatedAt: null,
  cardCreatedAt: null,
  stormCardId: null,
  cardDirty: false,
  digestedStatus: null,
  lastNotifiedAt: null,
  growthRaisedAt: null,
  warRoomRequestedAt: null,
  warRoomConversationId: null,
  warRoomTitle: null,
  updatedAt: now,
};
const options = { now, publicUrl: 'https://ops.example.com/' };

describe('alert group card (what DingTalk shows)', () => {
  it('a firing level-1 group: red, 未认领, counts, elapsed time, why it has its level, all buttons', () => {
    const card = alertCardParams(group, options);
    expect(card).toMatchObject({ title: '[一级] ErpDatabaseDown', status: '未认领', statusColor: 'red', level: '1' });
    expect(card.markdown).toContain('**3** 条告警触发中 · 共 4 条');
    expect(card.markdown).toContain('已持续 30 分钟');
    expect(card.markdown).toContain('https://ops.example.com/alerts/groups/7');
    expect(decodeCardFields(card.fields)).toContainEqual({ label: '级别原因', value: '一级：规则 erp-core 命中' });
    expect(decodeCardButtons(card.buttons).map((button) => [button.id, button.text, button.disabled])).toEqual([
      ['acknowledge', '认领', false],
      ['resolve', '解决', false],
      ['silence_1h', '静默1小时', false],
      ['escalate', '升级', true],
      ['create_ticket', '创建工单', false],
      ['open_war_room', '作战群', false],
      ['open', '在应用中打开', false],
    ]);
  });

  it('作战群 is for level 1 only; once asked for it is disabled and the card says the room is being made, then names it', () => {
    expect(decodeCardButtons(alertCardParams({ ...group, level: 2 }, options).buttons).map((button) => button.id)).not.toContain('open_war_room');
    const requested = alertCardParams({ ...group, warRoomRequestedAt: now, warRoomTitle: '作战群·ErpDatabaseDown' }, options);
    expect(decodeCardButtons(requested.buttons).find((button) => button.id === 'open_war_room')).toMatchObject({ disabled: true });
    expect(requested.markdown).toContain('作战群创建中：作战群·ErpDatabaseDown');
    const created = alertCardParams({ ...group, warRoomRequestedAt: now, warRoomTitle: '作战群·ErpDatabaseDown', warRoomConversationId: 'cidWAR==' }, options);
    expect(created.markdown).toContain('作战群：作战群·ErpDatabaseDown');
    expect(decodeCardFields(created.fields)).toContainEqual({ label: '作战群', value: '作战群·ErpDatabaseDown' });
  });

  it('the war room: a short title; its first message says what, why level 1, how many, the labels and where to work', () => {
    expect(warRoomTitle(group)).toBe('作战群·ErpDatabaseDown');
    expect([...warRoomTitle({ title: 'x'.repeat(80) })]).toHaveLength(30);
    const message = warRoomContextMessage({ ...group, ticketId: '12' }, options);
    expect(message.title).toBe('作战群：ErpDatabaseDown');
    for (const part of ['[一级] ErpDatabaseDown', 'ERP 数据库 db1 无法连接', '一级：规则 erp-core 命中', '3 / 4 条', '`service=erp`', 'https://ops.example.com/alerts/groups/7', 'https://ops.example.com/tickets/12']) {
      expect(message.text).toContain(part);
    }
    expect(pageDingContent(group, options)).toBe('【一级告警】ErpDatabaseDown：ERP 数据库 db1 无法连接。请立即处理 https://ops.example.com/alerts/groups/7');
  });

  it('acknowledged says who in Chinese; resolved turns green — status and header — with the duration and keeps only 在应用中打开', () => {
    expect(alertCardParams({ ...group, status: 'acknowledged', acknowledgedBy: '陈刚' }, options)).toMatchObject({ status: '已认领：陈刚', statusColor: 'blue', headerColor: 'red' });
    const resolved = alertCardParams({ ...group, status: 'resolved', resolvedAt: new Date('2026-11-28T09:05:00Z') }, options);
    expect(resolved).toMatchObject({ status: '已解决（持续 1 小时 5 分钟）', statusColor: 'green', headerColor: 'green', level: '1' });
    expect(decodeCardButtons(resolved.buttons).map((button) => button.id)).toEqual(['open']);
  });

  it('a card with a ticket names it by its number, GZ-000003, linked to the ticket', () => {
    const card = alertCardParams({ ...group, ticketId: '3' }, options);
    expect(card.markdown).toContain('已创建工单：[GZ-000003](https://ops.example.com/tickets/3)');
    expect(warRoomContextMessage({ ...group, ticketId: '3' }, options).text).toContain('[工单 GZ-000003](https://ops.example.com/tickets/3)');
  });

  it('the digest lists opened and resolved level-3 groups', () => {
    const card = digestCardParams([{ ...group, level: 3, title: 'NtpDrift' }, { ...group, id: 8n, level: 3, title: 'CertExpiresSoon', status: 'resolved' }], options);
    expect(card.markdown).toContain('新增 / 仍在触发（1）');
    expect(card.markdown).toContain('已恢复（1）');
    expect(card.markdown).not.toContain('另有');
  });

  it('a digest shows the first groups it has room for and counts the rest, with a link to the app', () => {
    const groups = Array.from({ length: 5 }, (_, index) => ({ ...group, id: BigInt(index + 1), level: 3, title: `Disk${index}` }));
    const card = digestCardParams(groups, { ...options, shown: 2 });
    expect(card.markdown).toContain('新增 / 仍在触发（5）');
    expect(card.markdown).toContain('Disk1');
    expect(card.markdown).not.toContain('Disk2');
    expect(card.markdown).toContain('另有 3 项，详见应用 [告警列表](https://ops.example.com/alerts)');
    expect(card.status).toBe('5 组');
  });

  it('outTrackIds and durations', () => {
    expect(alertGroupIdOf('alert-group-42')).toBe(42n);
    expect(alertGroupIdOf('ticket-42')).toBeNull();
    expect([durationText(10_000), durationText(5 * 60_000), durationText(26 * 3_600_000)]).toEqual(['不到 1 分钟', '5 分钟', '1 天 2 小时']);
  });

  it('F4: an escalation step in the timeline names its targets as people read them, never the policy keys', () => {
    expect(escalationStepNote({ index: 0, targets: ['oncall_primary'], reached: ['陈刚'], kind: 'notify', isLast: false })).toBe('第 1 步（值班主岗）：通知 陈刚');
    expect(escalationStepNote({ index: 0, targets: ['oncall_primary'], reached: ['陈刚'], kind: 'retry', isLast: false })).toBe('第 1 步（值班主岗）：重试，通知 陈刚');
  });

  it('F4: a step that finds nobody says the walk went straight on; the card shows it under 升级', () => {
    expect(escalationStepNote({ index: 0, targets: ['oncall_primary'], reached: [], kind: 'pass', isLast: false })).toBe('第 1 步（值班主岗）：无人可通知，已转下一步');
    expect(escalationStepNote({ index: 2, targets: ['it_leads', 'leadership_group'], reached: [], kind: 'pass', isLast: true })).toBe('第 3 步（IT 负责人、管理层群）：无人可通知');
    const passed = alertCardParams({ ...group, escalationStepsDone: [passedMark(0), passedMark(1), 2] }, options);
    expect(decodeCardFields(passed.fields)).toContainEqual({ label: '升级', value: '已执行 1 步；第 1、2 步无人可通知，已转下一步' });
    const nobody = alertCardParams({ ...group, escalationStepsDone: [passedMark(0), passedMark(1)] }, options);
    expect(decodeCardFields(nobody.fields)).toContainEqual({ label: '升级', value: '各步均无人可通知，已通知告警群，持续重试' });
    expect(escalationFallbackNote(['告警群（@王磊）', '管理层群'])).toBe('各步均无人可通知：已通知告警群（@王磊）、管理层群；有人可通知时立即补发');
  });
});
