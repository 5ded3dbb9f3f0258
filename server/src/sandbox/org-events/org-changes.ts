import { createHash, randomInt } from 'node:crypto';
import type { SandboxMembership, SandboxUser } from '../org';
import type { SandboxState } from '../state';

// Contact changes as an HR admin makes them in DingTalk's admin console: each changes the org
// directory, then DingTalk pushes the matching event with ids only. Over Stream `data` is
// `{userId: [...], optStaffId, timeStamp}`; over HTTP `{EventType, CorpId, UserId, OptStaffId, TimeStamp}`.

export type OrgChange =
  | { type: 'user_add_org'; userId?: string; name: string; departmentId: number; title?: string; mobile?: string; managerUserId?: string; operatorUserId?: string }
  | { type: 'user_modify_org'; userId: string; title?: string; departmentId?: number; isLeader?: boolean; managerUserId?: string | null; operatorUserId?: string }
  | { type: 'user_leave_org'; userId: string; operatorUserId?: string };

export type OrgChangeResult =
  | { ok: true; eventId: string; userId: string; user: SandboxUser | null }
  | { ok: false; problem: 'user_not_found' | 'department_not_found' | 'user_exists'; detail: string };

/** DingTalk user ids of people added later look like '184919295227658120'. */
const newUserId = () => `${randomInt(100_000_000, 999_999_999)}${randomInt(100_000_000, 999_999_999)}`;

export function applyOrgChange(state: SandboxState, change: OrgChange): OrgChangeResult {
  const { org } = state;
  const at = state.now();
  // An operator is optional on DingTalk (missing for HR-system hires); default to the main admin.
  const operator = change.operatorUserId ?? org.listUsers().find((user) => user.adminLevel === 1)?.userId;
  const leaderOf = (departmentId: number, except: string) => org.leaderUserIds(departmentId).find((id) => id !== except) ?? null;

  function publish(userId: string) {
    const data = { userId: [userId], ...(operator ? { optStaffId: operator } : {}), timeStamp: String(at) };
    return state.events.publishEvent({ eventType: change.type, data }).eventId;
  }

  if (change.type === 'user_add_org') {
    if (!org.getDepartment(change.departmentId)) return { ok: false, problem: 'department_not_found', detail: `No department ${change.departmentId}` };
    const userId = change.userId ?? newUserId();
    if (org.getUser(userId)) return { ok: false, problem: 'user_exists', detail: `A person with userId "${userId}" is already in the org` };
    const serial = String(org.listUsers().length + 1).padStart(4, '0');
    const user: SandboxUser = {
      userId,
      unionId: `${createHash('sha256').update(`union:${userId}`).digest('base64url').replace(/[-_]/g, '').slice(0, 20)}iE`,
      name: change.name,
      title: change.title ?? '',
      mobile: change.mobile ?? `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
      email: '',
      jobNumber: `YQ${serial}`,
      workPlace: '杭州',
      departments: [{ departmentId: change.departmentId, isLeader: false, order: org.listMembers(change.departmentId).length + 1 }],
      managerUserId: change.managerUserId ?? leaderOf(change.departmentId, userId),
      hiredDate: at,
      active: true,
      adminLevel: 0,
      isBoss: false,
    };
    org.addUser(user);
    return { ok: true, eventId: publish(userId), userId, user };
  }

  const existing = org.getUser(change.userId);
  if (!existing) return { ok: false, problem: 'user_not_found', detail: `No person with userId "${change.userId}" in the org` };

  if (change.type === 'user_leave_org') {
    org.removeUser(change.userId);
    return { ok: true, eventId: publish(change.userId), userId: change.userId, user: null };
  }

  let departments: SandboxMembership[] | undefined;
  let managerUserId = change.managerUserId;
  if (change.departmentId !== undefined && change.departmentId !== existing.departments[0]?.departmentId) {
    if (!org.getDepartment(change.departmentId)) return { ok: false, problem: 'department_not_found', detail: `No department ${change.departmentId}` };
    // A move replaces the main department; leading the old one does not carry over.
    departments = [{ departmentId: change.departmentId, isLeader: change.isLeader ?? false, order: org.listMembers(change.departmentId).length + 1 }, ...existing.departments.slice(1)];
    managerUserId ??= leaderOf(change.departmentId, change.userId);
  } else if (change.isLeader !== undefined && existing.departments[0]) {
    departments = [{ ...existing.departments[0], isLeader: change.isLeader }, ...existing.departments.slice(1)];
  }
  const user = org.updateUser(change.userId, {
    ...(change.title !== undefined ? { title: change.title } : {}),
    ...(departments ? { departments } : {}),
    ...(managerUserId !== undefined ? { managerUserId } : {}),
  });
  return { ok: true, eventId: publish(change.userId), userId: change.userId, user: user ?? null };
}
