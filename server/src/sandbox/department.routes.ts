import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { oapiFailure, oapiInvalidParameter, oapiSuccess } from './replies';
import type { SandboxState } from './state';
import { renderDepartmentDetail, renderDepartmentSummary } from './wire-render';

const departmentBody = z.object({
  dept_id: z.coerce.number().int().positive(),
  language: z.enum(['zh_CN', 'en_US']).optional(),
});
// listsub and listsubid default to the root department when dept_id is left out.
const childrenBody = departmentBody.extend({ dept_id: z.coerce.number().int().positive().default(1) });

const departmentNotFound = () => oapiFailure(60003, '部门不存在');

/** One department, and a department's direct children (callers recurse for the whole tree). */
export const departmentRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { org } = state;

  app.post('/topapi/v2/department/get', async (request) => {
    const body = departmentBody.safeParse(request.body ?? {});
    if (!body.success) return oapiInvalidParameter(body.error);
    const department = org.getDepartment(body.data.dept_id);
    if (!department) return departmentNotFound();
    return oapiSuccess(renderDepartmentDetail(department, org));
  });

  app.post('/topapi/v2/department/listsub', async (request) => {
    const body = childrenBody.safeParse(request.body ?? {});
    if (!body.success) return oapiInvalidParameter(body.error);
    if (!org.getDepartment(body.data.dept_id)) return departmentNotFound();
    return oapiSuccess(org.listSubDepartments(body.data.dept_id).map(renderDepartmentSummary));
  });

  app.post('/topapi/v2/department/listsubid', async (request) => {
    const body = childrenBody.safeParse(request.body ?? {});
    if (!body.success) return oapiInvalidParameter(body.error);
    if (!org.getDepartment(body.data.dept_id)) return departmentNotFound();
    return oapiSuccess({ dept_id_list: org.listSubDepartments(body.data.dept_id).map((department) => department.id) });
  });
};
