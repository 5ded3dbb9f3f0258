// DingTalk's wire shapes for the old topapi endpoints, as DingTalk sends them (snake_case). The
// sandbox answers with exactly these; the client reads the fields it needs from them.

export interface OapiSuccess<TResult> {
  errcode: 0;
  errmsg: 'ok';
  result: TResult;
  request_id: string;
}

export interface OapiFailure {
  errcode: number;
  errmsg: string;
  sub_code?: string;
  sub_msg?: string;
  request_id?: string;
}

/** `POST /topapi/v2/user/getuserinfo` */
export interface OapiUserInfo {
  userid: string;
  unionid: string;
  associated_unionid: string;
  name: string;
  device_id: string;
  /** Is an org admin. */
  sys: boolean;
  /** 1 main admin, 2 sub-admin, 100 boss, 0 other. */
  sys_level: number;
}

/** `POST /topapi/v2/user/get` */
export interface OapiUserDetail {
  userid: string;
  unionid: string;
  name: string;
  avatar: string;
  state_code: string;
  manager_userid?: string;
  mobile: string;
  hide_mobile: boolean;
  telephone: string;
  job_number: string;
  title: string;
  email: string;
  org_email: string;
  org_email_type?: string;
  work_place: string;
  remark: string;
  dept_id_list: number[];
  dept_order_list: { dept_id: number; order: number }[];
  leader_in_dept: { dept_id: number; leader: boolean }[];
  dept_position_list?: { dept_id: number; is_main: boolean; title: string; work_place: string }[];
  extension: string;
  hired_date?: number;
  active: boolean;
  real_authed: boolean;
  senior: boolean;
  admin: boolean;
  boss: boolean;
  exclusive_account: boolean;
  exclusive_account_type?: string;
  login_id?: string;
  role_list?: { id: number; name: string; group_name: string }[];
  union_emp_ext?: Record<string, unknown>;
}

/** One row of `POST /topapi/v2/user/list`: the detail fields plus per-department ones. */
export interface OapiUserListItem extends Omit<OapiUserDetail, 'leader_in_dept' | 'dept_position_list' | 'union_emp_ext'> {
  leader: boolean;
  dept_order: number;
}

export interface OapiUserPage<TItem> {
  has_more: boolean;
  next_cursor?: number;
  list: TItem[];
}

/** One row of `POST /topapi/v2/department/listsub`. */
export interface OapiDepartmentSummary {
  dept_id: number;
  name: string;
  /** Absent on the root department. */
  parent_id?: number;
  create_dept_group: boolean;
  auto_add_user: boolean;
  from_union_org: boolean;
  tags: string;
  ext: string;
  source_identifier: string;
}

/** `POST /topapi/v2/department/get` */
export interface OapiDepartmentDetail extends OapiDepartmentSummary {
  order: number;
  dept_group_chat_id?: string;
  group_contain_sub_dept: boolean;
  org_dept_owner?: string;
  dept_manager_userid_list: string[];
  outer_dept: boolean;
  hide_dept: boolean;
  brief: string;
}
