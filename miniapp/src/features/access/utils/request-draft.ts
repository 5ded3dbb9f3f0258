import type { AccessRole, CreateRequestBody } from '@dingops/shared/access';

export type RequestDraft = {
  systemId: number | null;
  role: AccessRole | null;
  days: number;
  reason: string;
  forTeam: boolean;
  forUserId: string;
  extendsGrantId: number | null;
};
export type RequestField = 'roleId' | 'days' | 'reason' | 'forUserId';
export const requestFields: readonly RequestField[] = ['roleId', 'days', 'reason', 'forUserId'];

/** A month, or the role's longest when that is shorter. */
export function defaultDays(role: AccessRole): number {
  return Math.min(30, role.maxDays);
}

/** The body to send, or the fields to fix first (the server checks the same and more). */
export function checkRequestDraft(draft: RequestDraft): { body: CreateRequestBody } | { fields: RequestField[] } {
  const fields: RequestField[] = [];
  if (!draft.role) fields.push('roleId');
  if (!Number.isInteger(draft.days) || draft.days < 1 || (draft.role && draft.days > draft.role.maxDays)) fields.push('days');
  if (draft.reason.trim().length < 2) fields.push('reason');
  if (draft.forTeam && !draft.forUserId.trim()) fields.push('forUserId');
  if (fields.length > 0 || !draft.role) return { fields };
  return {
    body: {
      roleId: draft.role.id,
      days: draft.days,
      reason: draft.reason.trim(),
      ...(draft.forTeam ? { forUserId: draft.forUserId.trim() } : {}),
      ...(draft.extendsGrantId ? { extendsGrantId: draft.extendsGrantId } : {}),
    },
  };
}
