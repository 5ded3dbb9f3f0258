import type { ImpactScope, TicketCategory, TicketStatus } from '@dingops/shared/tickets';

/** The Chinese words DingTalk messages use; the micro-app has its own (and English) dictionary. */
export const statusLabels: Record<TicketStatus, string> = {
  reported: '已提交',
  accepted: '已受理',
  diagnosing: '诊断中',
  resolved: '已解决',
  closed: '已关闭',
  reopened: '已重新打开',
  cancelled: '已撤销',
};

export const impactLabels: Record<ImpactScope, string> = { self: '只影响我', team: '我的团队', department: '我的部门', company: '全公司' };

export const categoryLabels: Record<TicketCategory, string> = {
  dingtalk: '钉钉使用',
  network: '网络',
  vpn: 'VPN',
  email: '邮箱',
  printer: '打印机',
  computer: '电脑',
  meeting_room: '会议室设备',
  account: '账号权限',
  software: '软件',
  other: '其他',
};

export const levelLabels = { 1: '一级', 2: '二级', 3: '三级' } as const;

export const ticketNumber = (id: bigint | string) => `GZ-${String(id).padStart(6, '0')}`;
