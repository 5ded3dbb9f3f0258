import type { OapiDepartmentDetail, OapiDepartmentSummary, OapiUserDetail, OapiUserListItem } from './wire';
import type { OrgDirectory, SandboxDepartment, SandboxUser } from './org';

// Sandbox records → DingTalk's topapi result shapes. Empty strings stand for "no value", as on
// DingTalk.

/** Avatars are served by the sandbox itself, so the URL depends on how the caller reached it. */
export function avatarUrl(baseUrl: string, user: SandboxUser): string {
  return `${baseUrl}/sandbox/avatars/${encodeURIComponent(user.userId)}.svg`;
}

export function renderUserDetail(user: SandboxUser, baseUrl: string): OapiUserDetail {
  return {
    userid: user.userId,
    unionid: user.unionId,
    name: user.name,
    avatar: avatarUrl(baseUrl, user),
    state_code: '86',
    ...(user.managerUserId ? { manager_userid: user.managerUserId } : {}),
    mobile: user.mobile,
    hide_mobile: false,
    telephone: '',
    job_number: user.jobNumber,
    title: user.title,
    email: user.email,
    org_email: '',
    work_place: user.workPlace,
    remark: '',
    dept_id_list: user.departments.map((entry) => entry.departmentId),
    dept_order_list: user.departments.map((entry) => ({ dept_id: entry.departmentId, order: entry.order })),
    leader_in_dept: user.departments.map((entry) => ({ dept_id: entry.departmentId, leader: entry.isLeader })),
    dept_position_list: user.departments.map((entry, index) => ({ dept_id: entry.departmentId, is_main: index === 0, title: user.title, work_place: user.workPlace })),
    extension: '{}',
    hired_date: user.hiredDate,
    active: user.active,
    real_authed: true,
    senior: user.isBoss,
    admin: user.adminLevel > 0,
    boss: user.isBoss,
    exclusive_account: false,
    role_list: [],
  };
}

export function renderUserListItem(user: SandboxUser, departmentId: number, org: OrgDirectory, baseUrl: string): OapiUserListItem {
  const { leader_in_dept: _leaders, dept_position_list: _positions, union_emp_ext: _ext, ...detail } = renderUserDetail(user, baseUrl);
  const membership = org.membership(user, departmentId);
  return { ...detail, leader: membership?.isLeader ?? false, dept_order: membership?.order ?? 0 };
}

export function renderDepartmentSummary(department: SandboxDepartment): OapiDepartmentSummary {
  return {
    dept_id: department.id,
    name: department.name,
    ...(department.parentId === null ? {} : { parent_id: department.parentId }),
    create_dept_group: department.parentId !== null,
    auto_add_user: department.parentId !== null,
    from_union_org: false,
    tags: '',
    ext: '',
    source_identifier: '',
  };
}

export function renderDepartmentDetail(department: SandboxDepartment, org: OrgDirectory): OapiDepartmentDetail {
  const group = org.listGroups().find((g) => g.departmentId === department.id);
  return {
    ...renderDepartmentSummary(department),
    order: department.order,
    ...(group ? { dept_group_chat_id: group.openConversationId } : {}),
    group_contain_sub_dept: false,
    dept_manager_userid_list: org.leaderUserIds(department.id),
    outer_dept: false,
    hide_dept: false,
    brief: '',
  };
}
