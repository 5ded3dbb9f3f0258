import type { AccessRequest, Grant } from '@dingops/shared/access';
import type { AccessGrantRow, AccessRequestRow, AccessRoleRow, AccessSystemRow } from './access.table';

// Rows to API shapes. Names come from a lookup the caller filled for the rows at hand.

export interface Catalogued {
  role: AccessRoleRow;
  system: AccessSystemRow;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function grantView(row: AccessGrantRow, { role, system }: Catalogued, names: Map<string, string>): Grant {
  return {
    id: row.id,
    userId: row.userDingtalkId,
    userName: names.get(row.userDingtalkId) ?? row.userName,
    roleId: role.id,
    roleName: role.name,
    systemId: system.id,
    systemName: system.name,
    risk: role.risk,
    status: row.status,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    approvalInstanceId: row.approvalInstanceId,
    requestId: row.requestId,
    activatedAt: iso(row.activatedAt),
    endedAt: iso(row.endedAt),
    endReason: row.endReason,
  };
}

export function requestView(row: AccessRequestRow, { role, system }: Catalogued, names: Map<string, string>, { grantId, approvalUrl }: { grantId: number | null; approvalUrl: (instanceId: string) => string }): AccessRequest {
  return {
    id: row.id,
    status: row.status,
    userId: row.userDingtalkId,
    userName: names.get(row.userDingtalkId) ?? row.userName,
    requesterId: row.requesterDingtalkId,
    roleId: role.id,
    roleName: role.name,
    systemId: system.id,
    systemName: system.name,
    risk: role.risk,
    days: row.days,
    reason: row.reason,
    approvers: row.approvers.map((approver) => ({ userId: approver.userId, step: approver.step, name: names.get(approver.userId) ?? approver.name ?? null })),
    approvalInstanceId: row.approvalInstanceId,
    approvalUrl: row.approvalInstanceId ? approvalUrl(row.approvalInstanceId) : null,
    extendsGrantId: row.extendsGrantId,
    grantId,
    decisionNote: row.decisionNote,
    createdAt: row.createdAt.toISOString(),
    decidedAt: iso(row.decidedAt),
  };
}

/** Every DingTalk id a request row names, for one name lookup. */
export const peopleOfRequest = (row: AccessRequestRow) => [row.userDingtalkId, row.requesterDingtalkId, ...row.approvers.map((approver) => approver.userId)];
