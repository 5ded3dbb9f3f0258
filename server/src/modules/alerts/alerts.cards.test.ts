import { describe, expect, it } from 'vitest';
import { decodeCardButtons, decodeCardFields } from '../../dingtalk/cards-convention';
import { alertCardParams, alertGroupIdOf, digestCardParams, durationText } from './alerts.cards';
import type { AlertGroupRow } from './alerts.table';

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
    expect(card.markdown).toContain('https://ops.example.com/alerts/7');
    expect(decodeCardFields(card.fields)).toContainEqual({ label: '级别原因', value: '一级：规则 erp-core 命中' });
    expect(decodeCardButtons(card.buttons).map((button) => [button.id, button.text, button.disabled])).toEqual([
      ['acknowledge', '认领', false],
      ['resolve', '解决', false],
      ['silence_1h', '静默1小时', false],
      ['escalate', '升级', true],
      ['create_ticket', '创建工单', false],
      ['open', '在应用中打开', false],
    ]);
  });

  it('acknowledged shows who; resolved turns green with the duration and keeps only 在应用中打开', () => {
    expect(alertCardParams({ ...group, status: 'acknowledged', acknowledgedBy: '陈刚' }, options)).toMatchObject({ status: '已认领 by 陈刚', statusColor: 'blue' });
    const resolved = alertCardParams({ ...group, status: 'resolved', resolvedAt: new Date('2026-11-28T09:05:00Z') }, options);
    expect(resolved).toMatchObject({ status: '已解决（持续 1 小时 5 分钟）', statusColor: 'green' });
    expect(decodeCardButtons(resolved.buttons).map((button) => button.id)).toEqual(['open']);
  });

  it('the digest lists opened and resolved level-3 groups', () => {
    const card = digestCardParams([{ ...group, level: 3, title: 'NtpDrift' }, { ...group, id: 8n, level: 3, title: 'CertExpiresSoon', status: 'resolved' }], options);
    expect(card.markdown).toContain('新增 / 仍在触发（1）');
    expect(card.markdown).toContain('已恢复（1）');
  });

  it('outTrackIds and durations', () => {
    expect(alertGroupIdOf('alert-group-42')).toBe(42n);
    expect(alertGroupIdOf('ticket-42')).toBeNull();
    expect([durationText(10_000), durationText(5 * 60_000), durationText(26 * 3_600_000)]).toEqual(['不到 1 分钟', '5 分钟', '1 天 2 小时']);
  });
});
