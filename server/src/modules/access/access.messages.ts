import { riskLabels } from '@dingops/shared/access';
import type { WorkNotificationInput } from '../../dingtalk/work-notifications';

// Work notifications about access (zh-CN, as people read them in DingTalk). Each links back into the
// micro-app page where the person can act.

type Message = WorkNotificationInput['msg'];

export interface AccessLinks {
  request: (id: number) => string;
  myAccess: () => string;
  extend: (grantId: number) => string;
  review: (id: number) => string;
  tasks: () => string;
}

export function accessLinks(publicUrl: string): AccessLinks {
  const base = publicUrl.replace(/\/$/, '');
  return {
    request: (id) => `${base}/access/requests/${id}`,
    myAccess: () => `${base}/access`,
    extend: (grantId) => `${base}/access/request?extend=${grantId}`,
    review: (id) => `${base}/access/reviews/${id}`,
    tasks: () => `${base}/access/tasks`,
  };
}

const card = (title: string, lines: (string | null | false)[], button: string, url: string): Message => ({
  msgtype: 'action_card',
  action_card: { title, markdown: lines.filter(Boolean).join('\n\n'), single_title: button, single_url: url },
});

export interface RoleNames {
  systemName: string;
  roleName: string;
  risk: 'low' | 'medium' | 'high';
}

const what = ({ systemName, roleName, risk }: RoleNames) => `**${systemName} · ${roleName}**（${riskLabels[risk]}风险）`;

export const requestOutcome = (names: RoleNames, requestId: number, outcome: 'active' | 'provisioning' | 'refused' | 'withdrawn' | 'failed', { endsAt, note, url }: { endsAt?: Date; note?: string | null; url: string }) => {
  const headings = {
    active: '权限申请已通过，已生效',
    provisioning: '权限申请已通过，等待信息部门开通',
    refused: '权限申请未通过',
    withdrawn: '权限申请已撤回',
    failed: '权限申请未能提交到钉钉审批',
  } as const;
  return card(`${headings[outcome]}：${names.systemName} ${names.roleName}`, [`### ${headings[outcome]}`, what(names), endsAt ? `到期：${beijing(endsAt)}` : null, note ? `说明：${note}` : null, `申请单号：${requestId}`], '查看申请', url);
};

export const grantEnding = (names: RoleNames, holderName: string, endsAt: Date, extendUrl: string) =>
  card(`权限即将到期：${holderName} ${names.systemName} ${names.roleName}`, [`### 权限即将到期`, `${holderName} 的 ${what(names)}`, `到期：${beijing(endsAt)}`, '如仍需使用，请一键续期（将发起新的审批）。'], '续期', extendUrl);

export const grantEnded = (names: RoleNames, outcome: 'expired' | 'revoked', reason: string | null, url: string) =>
  card(`权限已${outcome === 'expired' ? '到期' : '收回'}：${names.systemName} ${names.roleName}`, [`### 权限已${outcome === 'expired' ? '到期' : '收回'}`, what(names), reason ? `原因：${reason}` : null], '我的权限', url);

/** For IT运维值班群 (a markdown group message): a manual step to do in the system itself. */
export const itTaskNotice = (names: RoleNames, holderName: string, kind: 'provision' | 'deprovision', url: string) => ({
  title: `${kind === 'provision' ? '待开通' : '待回收'}权限：${holderName} ${names.systemName} ${names.roleName}`,
  text: [`### ${kind === 'provision' ? '请在系统中开通权限' : '请在系统中回收权限'}`, `${holderName} · ${what(names)}`, `完成后在 DingOps 中标记已完成：[处理任务](${url})`].join('\n\n'),
});

/** For 信息安全群: a grant was made, with its approval. */
export function grantedNotice({ holderName, system, role, risk, endsAt, requestId, instanceId, url }: { holderName: string; system: string; role: string; risk: 'low' | 'medium' | 'high'; endsAt: Date; requestId: number; instanceId: string | null; url: string }) {
  return [`### 权限已授予`, `${holderName} · ${what({ systemName: system, roleName: role, risk })}`, `到期：${beijing(endsAt)}`, `申请单号：${requestId}${instanceId ? ` · 钉钉审批：${instanceId}` : ''}`, `[查看申请](${url})`].join('\n\n');
}

/** Beijing time, minutes, as people in the company read it. */
export function beijing(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
