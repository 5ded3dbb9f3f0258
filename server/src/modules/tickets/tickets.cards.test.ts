import { describe, expect, it } from 'vitest';
import { decodeCardButtons, decodeCardFields } from '../../dingtalk/cards-convention';
import { assignmentNotification, chatReply, mergedNotification, statusNotification, ticketCardOf, ticketCardParams, ticketTagColor } from './tickets.cards';
import type { TicketRow } from './tickets.table';

const base = {
  id: 7n,
  title: '会议室投影仪没有信号',
  category: 'meeting_room',
  description: '3 楼大会议室投影仪接 HDMI 后显示无信号',
  level: 2,
  status: 'reported',
  impact: 'team',
  reporterName: '张伟',
  reporterDepartment: '销售部',
  assigneeName: null,
  resolution: null,
} as unknown as TicketRow;

describe('ticket cards and messages', () => {
  it('F4: a new level-2 ticket card says it is a 二级工单 with its number, in the app’s level-2 orange, with a 受理 button', () => {
    const card = ticketCardParams(base);
    expect(card.title).toBe('二级工单 GZ-000007 · 会议室投影仪没有信号');
    expect(card).toMatchObject({ status: '已提交', statusColor: 'orange' });
    // `level` is the alert template's variable: a ticket card that set it would be shown as an alert.
    expect(card).not.toHaveProperty('level');
    expect(decodeCardFields(card.fields)).toEqual(expect.arrayContaining([{ label: '工单编号', value: 'GZ-000007' }, { label: '级别', value: '二级工单' }]));
    expect(decodeCardButtons(card.buttons).map((button) => button.id)).toEqual(['accept']);
  });

  it('the tag wears the level’s colour while the ticket is worked, green once resolved, gray once finished', () => {
    expect(ticketTagColor({ status: 'reported', level: 1 })).toBe('red');
    expect(ticketTagColor({ status: 'diagnosing', level: 2 })).toBe('orange');
    expect(ticketTagColor({ status: 'reopened', level: 3 })).toBe('yellow');
    expect(ticketTagColor({ status: 'resolved', level: 1 })).toBe('green');
    expect(ticketTagColor({ status: 'cancelled', level: 2 })).toBe('gray');
  });

  it('once accepted the card names the assignee and drops the button', () => {
    const card = ticketCardParams({ ...base, status: 'accepted', assigneeName: '李娜' });
    expect(decodeCardFields(card.fields)).toContainEqual({ label: '处理人', value: '李娜' });
    expect(decodeCardButtons(card.buttons)).toEqual([]);
  });

  it('the reporter’s notification on resolve asks them to confirm and links to the ticket', () => {
    const msg = statusNotification({ ...base, status: 'resolved', assigneeName: '李娜', resolution: '更换 HDMI 转接头' }, 'https://ops.example.com', null);
    expect(msg).toMatchObject({ msgtype: 'action_card', action_card: { single_url: 'https://ops.example.com/tickets/7' } });
    expect(JSON.stringify(msg)).toContain('更换 HDMI 转接头');
  });

  it('every message about a ticket names it by its number, also in the title DingTalk lists', () => {
    const titles = [
      statusNotification({ ...base, status: 'accepted' }, 'https://ops.example.com', null),
      assignmentNotification({ ...base, assigneeName: '陈刚' }, 'https://ops.example.com', { handedTo: 'you', categoryName: '会议室设备', note: null }),
      mergedNotification(base, { ...base, id: 3n }, 'https://ops.example.com'),
    ].map((msg) => (msg as { action_card: { title: string } }).action_card.title);
    expect(titles).toEqual(['工单 GZ-000007 已受理：会议室投影仪没有信号', '转派给你的工单：GZ-000007 会议室投影仪没有信号', '工单 GZ-000007 已合并到 GZ-000003']);
  });

  it('the chat reply names the new ticket', () => {
    expect(chatReply(base, 'http://localhost:3000/')).toMatchObject({ title: '已创建工单 GZ-000007', singleURL: 'http://localhost:3000/tickets/7' });
  });

  it('card ids map back to tickets and nothing else', () => {
    expect(ticketCardOf('ticket-42')).toEqual({ ticketId: 42n, kind: 'group' });
    expect(ticketCardOf('ticket-42-rating')).toEqual({ ticketId: 42n, kind: 'rating' });
    expect(ticketCardOf('alert-42')).toBeNull();
  });
});
