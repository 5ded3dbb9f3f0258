import type { CauseCategory, ImpactScope, RepairAction, TicketCategory, TicketStatus } from '@dingops/shared/tickets';

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

/** English names the seeded category tree starts with (the micro-app's dictionary says the same). */
export const categoryLabelsEn: Record<TicketCategory, string> = {
  dingtalk: 'Using DingTalk',
  network: 'Network',
  vpn: 'VPN',
  email: 'Email',
  printer: 'Printer',
  computer: 'Computer',
  meeting_room: 'Meeting room equipment',
  account: 'Account and access',
  software: 'Software',
  other: 'Other',
};

/** The root for tickets opened from an alert (the alerts module's “create ticket”). */
export const monitoringCategory = { code: 'monitoring', zh: '监控告警', en: 'Monitoring alert' } as const;

/** Rule F6 words for the fault record, as reports and exports print them. */
export const causeCategoryLabels: Record<CauseCategory, string> = {
  hardware: '硬件故障',
  software: '软件故障',
  network: '网络故障',
  configuration: '配置问题',
  account: '账号权限',
  user_error: '使用不当',
  vendor: '供应商问题',
  power_environment: '电力环境',
  unknown: '原因不明',
};

export const repairActionLabels: Record<RepairAction, string> = {
  configuration: '调整配置',
  patch: '打补丁/升级',
  restart: '重启',
  hardware_replaced: '更换硬件',
  reinstall: '重装',
  vendor_escalation: '联系供应商',
  account_change: '调整账号权限',
  user_guidance: '指导用户',
  workaround: '临时规避',
  other: '其他',
};

export const levelLabels = { 1: '一级', 2: '二级', 3: '三级' } as const;

export const ticketNumber = (id: bigint | string) => `GZ-${String(id).padStart(6, '0')}`;
