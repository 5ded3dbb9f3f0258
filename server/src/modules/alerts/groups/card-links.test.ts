import { describe, expect, it } from 'vitest';
import { decodeCardButtons } from '../../../dingtalk/cards-convention';
import { alertCardParams, digestCardParams, escalationFallbackMessage, escalationMessage, pageDingContent, pageNotification, warRoomContextMessage } from './group-cards';
import { stormCardParams } from '../storm/storm.cards';
import type { AlertGroupRow } from '../alerts.table';
import { repeatReminderMessage } from '../timing/timing.cards';

// Every page the micro-app has for what alert messages link to (miniapp/src/config/paths.ts).
const appPages = [/^\/alerts$/, /^\/alerts\/groups\/\d+$/, /^\/tickets\/\d+$/];

const now = new Date('2026-11-28T08:30:00Z');
const publicUrl = 'https://ops.example.com/';
const group = {
  id: 42n,
  title: 'ErpDatabaseDown',
  summary: 'ERP 数据库 db1 无法连接',
  level: 1,
  levelReason: '默认：severity=critical',
  groupKey: '{alertname="ErpDatabaseDown"}',
  labels: { alertname: 'ErpDatabaseDown' },
  status: 'firing',
  firingCount: 1,
  alertCount: 1,
  openedAt: new Date('2026-11-28T08:00:00Z'),
  resolvedAt: null,
  acknowledgedBy: null,
  ticketId: '3',
  escalationStepsDone: [0],
  warRoomTitle: null,
  warRoomConversationId: null,
  warRoomRequestedAt: null,
  flapping: false,
  suppressed: false,
  growthRaisedAt: null,
} as unknown as AlertGroupRow;

const urlsIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s)\]"'<>]+/g)].map((match) => match[0]);

describe('links DingOps puts into DingTalk about alerts', () => {
  it('every one names a page the micro-app has: the group is /alerts/groups/<id>, never /alerts/<id>', () => {
    const card = alertCardParams(group, { now, publicUrl });
    const notification = pageNotification(group, { publicUrl, why: '你是当前值班人员。' });
    const texts = [
      card.markdown,
      ...decodeCardButtons(card.buttons).flatMap((button) => Object.values(button.params ?? {})),
      digestCardParams([{ ...group, level: 3 }], { now, publicUrl, shown: 0 }).markdown,
      digestCardParams([{ ...group, level: 3 }], { now, publicUrl }).markdown,
      'action_card' in notification ? notification.action_card.single_url : undefined,
      pageDingContent(group, { publicUrl }),
      escalationMessage(group, { names: ['陈刚'], publicUrl, minutes: 5 }).text,
      escalationFallbackMessage(group, { names: [], publicUrl, minutes: 0 }).text,
      warRoomContextMessage(group, { publicUrl, now }).text,
      repeatReminderMessage(group, { names: [], publicUrl, now }).text,
      stormCardParams({ counts: [{ level: 2, resolved: false, groups: 1 }], top: [{ id: 42n, title: 'OaSlow', firingCount: 3 }] }, { startedAt: now, now, publicUrl }).markdown,
    ];
    const urls = texts.flatMap((text) => urlsIn(text ?? ''));
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      const { origin, pathname } = new URL(url);
      expect(origin).toBe('https://ops.example.com');
      expect(appPages.some((page) => page.test(pathname)), `${url} is no page of the micro-app`).toBe(true);
    }
    expect(urls).toContain('https://ops.example.com/alerts/groups/42');
    expect(urls).toContain('https://ops.example.com/tickets/3');
  });
});
