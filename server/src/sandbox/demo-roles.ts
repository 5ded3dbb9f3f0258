import { demoUserIds } from './org-seed';

/** DingOps roles an IT admin grants by hand (the `manager` role comes from leading a department). */
export type DemoGrantedRole = 'it_admin' | 'it_staff' | 'auditor';

export interface DemoRoleHint {
  userId: string;
  roles: readonly DemoGrantedRole[];
  /** Why, in a few words, for seed logs and docs. */
  note: string;
}

/**
 * Role grants the server seeds into an empty database in sandbox mode, so the demo story works
 * at once. Plain data: the sandbox itself does not enforce DingOps roles.
 */
export const demoRoleHints: readonly DemoRoleHint[] = [
  { userId: demoUserIds.wanglei, roles: ['it_admin'], note: 'IT lead' },
  { userId: demoUserIds.lina, roles: ['it_staff'], note: 'IT operations' },
  { userId: demoUserIds.chengang, roles: ['it_staff'], note: 'IT operations, on call this week' },
  { userId: demoUserIds.sunyue, roles: ['it_staff'], note: 'information security' },
  { userId: demoUserIds.zhaomin, roles: ['auditor'], note: 'internal audit' },
];

/** Who is on call in the IT ops group when the demo starts. */
export const demoOnCallUserId = demoUserIds.chengang;
