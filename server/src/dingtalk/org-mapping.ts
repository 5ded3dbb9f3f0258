import { z } from 'zod';
import { invalidResponseError } from './error-mapping';
import type { DingTalkDepartment, DingTalkIdentity, DingTalkUserProfile } from './types';

// Lenient readers of the topapi `result` objects: only the fields DingOps uses, tolerant of the
// empty strings, missing keys and numeric strings DingTalk sends for "no value".

const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? null : String(value)));
const requiredText = z.union([z.string().min(1), z.number()]).transform(String);
const flag = z.boolean().nullish().transform((value) => value === true);
const deptId = z.coerce.number().int();

const userInfoResult = z.object({
  userid: requiredText,
  unionid: optionalText,
  name: optionalText,
  sys: flag,
});

const userDetailResult = z.object({
  userid: requiredText,
  unionid: optionalText,
  name: optionalText,
  title: optionalText,
  avatar: optionalText,
  mobile: optionalText,
  email: optionalText,
  org_email: optionalText,
  job_number: optionalText,
  dept_id_list: z.array(deptId).nullish(),
  leader_in_dept: z.array(z.object({ dept_id: deptId, leader: flag })).nullish(),
  manager_userid: optionalText,
  active: flag,
});

const departmentResult = z.object({
  dept_id: deptId,
  name: z.string(),
  parent_id: z.coerce.number().int().nullish(),
});

function readResult<T>(schema: z.ZodType<T>, body: Record<string, unknown>, api: string): T {
  const parsed = schema.safeParse(body.result);
  if (!parsed.success) throw invalidResponseError(api, 200, parsed.error);
  return parsed.data;
}

export function toIdentity(body: Record<string, unknown>, api: string): DingTalkIdentity {
  const result = readResult(userInfoResult, body, api);
  return { userId: result.userid, unionId: result.unionid ?? '', name: result.name ?? '', isAdmin: result.sys };
}

export function toUserProfile(body: Record<string, unknown>, api: string): DingTalkUserProfile {
  const result = readResult(userDetailResult, body, api);
  return {
    userId: result.userid,
    unionId: result.unionid ?? '',
    name: result.name ?? '',
    title: result.title,
    avatarUrl: result.avatar,
    mobile: result.mobile,
    email: result.email ?? result.org_email,
    jobNumber: result.job_number,
    departmentIds: result.dept_id_list ?? [],
    leaderInDepartmentIds: (result.leader_in_dept ?? []).filter((entry) => entry.leader).map((entry) => entry.dept_id),
    managerUserId: result.manager_userid,
    active: result.active,
  };
}

export function toDepartment(body: Record<string, unknown>, api: string): DingTalkDepartment {
  const result = readResult(departmentResult, body, api);
  return { id: result.dept_id, name: result.name, parentId: result.parent_id ?? null };
}
