import { describe, expect, it } from 'vitest';
import { decodeCardButtons, decodeCardFields } from '../../dingtalk/cards-convention';
import { chatReply, statusNotification, ticketCardOf, ticketCardParams } from './tickets.cards';
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
  it('F4: a new level-2 ticket card shows its level, number and a 受理 button', () => {
    const card = ticketCardParams(base);
    expect(card.title).toBe('[二级] 会议室投影仪没有信号');
    expect(card.level).toBe('2');
    expect(decodeCardFields(card.fields)).toContainEqual({ label: '工单编号', value: 'GZ-000007' });
    expect(decodeCardButtons(card.buttons).map((button) => button.id)).toEqual(['accept']);
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

  it('the chat reply names the new ticket', () => {
    expect(chatReply(base, 'http://localhost:3000/')).toMatchObject({ title: '已创建工单 GZ-000007', singleURL: 'http://localhost:3000/tickets/7' });
  });

  it('card ids map back to tickets and nothing else', () => {
    expect(ticketCardOf('ticket-42')).toEqual({ ticketId: 42n, kind: 'group' });
    expect(ticketCardOf('ticket-42-rating')).toEqual({ ticketId: 42n, kind: 'rating' });
    expect(ticketCardOf('alert-42')).toBeNull();
  });
});
