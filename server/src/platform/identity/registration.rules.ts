import type { DepartmentRef } from './identity.table';

/** How DingOps meets new people (rule S1), from config and, in sandbox mode, the demo company. */
export interface RegistrationPolicy {
  mode: 'sandbox' | 'live';
  /** DingTalk department ids whose members are trusted at once (e.g. 信息部): no review. */
  autoActivateDepartmentIds: readonly number[];
  /** ADMIN_USER_IDS: the first IT admins are never left waiting for themselves. */
  adminUserIds: readonly string[];
  /** Sandbox only: the demo company's people, active from their first login so the trial works at once. */
  demoUserIds: readonly string[];
}

export type RegistrationDecision =
  | { status: 'active'; because: 'sandbox_demo_person' | 'admin_user_id' | 'auto_activate_department' }
  | { status: 'pending'; because: 'review_required' };

/**
 * The status of an account DingOps creates for a person it has never seen (a first login or a join
 * event). Rule S1: IT verifies a new person before they use the platform, unless they are an admin
 * from config, sit in an auto-activate department, or are one of the sandbox's demo people. Only
 * the person's own departments count, not the ones above them.
 */
export function decideRegistration(policy: RegistrationPolicy, person: { userId: string; departments: readonly Pick<DepartmentRef, 'id'>[] }): RegistrationDecision {
  if (policy.mode === 'sandbox' && policy.demoUserIds.includes(person.userId)) return { status: 'active', because: 'sandbox_demo_person' };
  if (policy.adminUserIds.includes(person.userId)) return { status: 'active', because: 'admin_user_id' };
  if (person.departments.some((department) => policy.autoActivateDepartmentIds.includes(department.id))) return { status: 'active', because: 'auto_activate_department' };
  return { status: 'pending', because: 'review_required' };
}

/** 13812345678 → 138****5678: enough for IT to recognise a person, not enough to call them. */
export function maskMobile(mobile: string | null): string | null {
  if (!mobile) return null;
  const digits = mobile.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
