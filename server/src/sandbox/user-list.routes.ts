import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { OapiUserPage } from './wire';
import { baseUrlOf, oapiFailure, oapiInvalidParameter, oapiSuccess } from './replies';
import type { SandboxState } from './state';
import { renderUserListItem } from './wire-render';

const departmentId = z.coerce.number().int().positive();
const listIdBody = z.object({ dept_id: departmentId });
// DingTalk's limits: cursor 0–100000 (an offset), size 1–100.
const pageBody = z.object({
  dept_id: departmentId,
  cursor: z.coerce.number().int().min(0).max(100000).default(0),
  size: z.coerce.number().int().min(1).max(100),
  order_field: z.enum(['entry_asc', 'entry_desc', 'modify_asc', 'modify_desc', 'custom']).optional(),
  contain_access_limit: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  language: z.enum(['zh_CN', 'en_US']).optional(),
});

function page<T>(items: T[], cursor: number, size: number): OapiUserPage<T> {
  const list = items.slice(cursor, cursor + size);
  const hasMore = cursor + size < items.length;
  return { has_more: hasMore, ...(hasMore ? { next_cursor: cursor + size } : {}), list };
}

const departmentNotFound = () => oapiFailure(60003, '部门不存在');

/** Department member lists: ids only, id + name pages, and full-profile pages. Direct members only. */
export const userListRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { org } = state;

  app.post('/topapi/user/listid', async (request) => {
    const body = listIdBody.safeParse(request.body ?? {});
    if (!body.success) return oapiInvalidParameter(body.error);
    if (!org.getDepartment(body.data.dept_id)) return departmentNotFound();
    return oapiSuccess({ userid_list: org.listMembers(body.data.dept_id).map((user) => user.userId) });
  });

  app.post('/topapi/user/listsimple', async (request) => {
    const body = pageBody.safeParse(request.body ?? {});
    if (!body.success) return oapiInvalidParameter(body.error);
    const { dept_id, cursor, size } = body.data;
    if (!org.getDepartment(dept_id)) return departmentNotFound();
    const members = org.listMembers(dept_id).map((user) => ({ userid: user.userId, name: user.name }));
    return oapiSuccess(page(members, cursor, size));
  });

  app.post('/topapi/v2/user/list', async (request) => {
    const body = pageBody.safeParse(request.body ?? {});
    if (!body.success) return oapiInvalidParameter(body.error);
    const { dept_id, cursor, size, order_field } = body.data;
    if (!org.getDepartment(dept_id)) return departmentNotFound();
    const members = org.listMembers(dept_id);
    if (order_field === 'entry_asc') members.sort((a, b) => a.hiredDate - b.hiredDate);
    if (order_field === 'entry_desc') members.sort((a, b) => b.hiredDate - a.hiredDate);
    const baseUrl = baseUrlOf(request);
    return oapiSuccess(page(members.map((user) => renderUserListItem(user, dept_id, org, baseUrl)), cursor, size));
  });
};
