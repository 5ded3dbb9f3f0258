import { accessApprovalFormLabels as labels, riskLabels } from '@dingops/shared/access';
import type { Approver } from '@dingops/shared/rules/access';
import type { AccessRequestRow } from '../access.table';
import type { Catalogued } from '../access.views';

/**
 * The 权限变更申请 form as DingOps fills it: DingTalk matches each value to a component by its label,
 * so the labels are the contract with the form an admin builds (README "Access governance").
 */
export function approvalFormValues(request: AccessRequestRow, { role, system }: Catalogued, { holderName, link }: { holderName: string; link: string }) {
  return [
    { name: labels.system, value: system.name },
    { name: labels.permission, value: role.name },
    { name: labels.changeType, value: request.extendsGrantId ? '续期' : '新增' },
    { name: labels.days, value: String(request.days) },
    { name: labels.reason, value: request.reason },
    { name: labels.requestId, value: String(request.id) },
    { name: labels.risk, value: riskLabels[role.risk] },
    { name: labels.holder, value: `${holderName}（${request.userDingtalkId}）` },
    { name: labels.link, value: link },
  ];
}

/** One approver node per person, in order: DingTalk shows them as 审批人 1, 2, 3. */
export const approverNodes = (approvers: Approver[]) => approvers.map((approver) => ({ actionType: 'NONE' as const, userIds: [approver.userId] }));

/** The request id DingOps wrote into the form, read back from an approval instance. */
export function requestIdInForm(values: { name: string; value: string }[]): number | null {
  const value = values.find((entry) => entry.name === labels.requestId)?.value;
  return value && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/** DingTalk's own approval page for an instance (what the approval app opens). */
export const dingtalkApprovalUrl = (corpId: string) => (instanceId: string) =>
  `https://aflow.dingtalk.com/dingtalk/mobile/homepage.htm?corpid=${encodeURIComponent(corpId)}&dd_share=false&showmenu=true&dd_progress=false&back=native&procInstId=${encodeURIComponent(instanceId)}&swfrom=isv&dinghash=approval#approval`;
