import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendInvalidBody, sendProblem } from '../replies';
import type { SandboxState } from '../state';
import { summarizeInstance } from './approval-render';

const inboxQuery = z.object({ approverId: z.string().trim().min(1).optional() });
const instancesQuery = z.object({ originatorUserId: z.string().optional(), status: z.enum(['RUNNING', 'COMPLETED', 'TERMINATED']).optional() });
const decideBody = z.object({ userId: z.string().trim().min(1), result: z.enum(['agree', 'refuse']), remark: z.string().max(500).optional() });

/**
 * The sandbox's approval app: each person's approval inbox (待我审批), every instance, and the
 * agree/refuse buttons. Deciding here is what an approver does in DingTalk's approval app.
 */
export const approvalRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { approvals, org } = state;

  /** Tasks waiting for `approverId` (or every running task), newest first, with the form values. */
  app.get('/approvals', async (request, reply) => {
    const query = inboxQuery.safeParse(request.query);
    if (!query.success) return sendInvalidBody(request, reply, query.error);
    const tasks = approvals
      .list()
      .filter((instance) => instance.status === 'RUNNING')
      .flatMap((instance) =>
        instance.tasks
          .filter((task) => task.status === 'RUNNING' && (!query.data.approverId || task.userId === query.data.approverId))
          .map((task) => ({
            ...summarizeInstance(instance, org),
            taskId: task.taskId,
            approverId: task.userId,
            approverName: org.getUser(task.userId)?.name ?? task.userId,
            actionType: instance.nodes[instance.currentNode]?.actionType ?? 'NONE',
            taskCreateTime: new Date(task.createTime).toISOString(),
          })),
      )
      .reverse();
    return { tasks };
  });

  app.get('/approvals/instances', async (request, reply) => {
    const query = instancesQuery.safeParse(request.query);
    if (!query.success) return sendInvalidBody(request, reply, query.error);
    const instances = approvals
      .list()
      .filter((instance) => (!query.data.originatorUserId || instance.originatorUserId === query.data.originatorUserId) && (!query.data.status || instance.status === query.data.status))
      .map((instance) => summarizeInstance(instance, org))
      .reverse();
    return { instances };
  });

  app.get('/approvals/processes', async () => ({
    processes: approvals.listDefinitions().map((definition) => ({
      processCode: definition.processCode,
      name: definition.name,
      description: definition.description,
      components: definition.components.map(({ label, bizAlias, componentType, required, options }) => ({ name: label, bizAlias, componentType, required, ...(options ? { options } : {}) })),
    })),
  }));

  app.get<{ Params: { processInstanceId: string } }>('/approvals/:processInstanceId', async (request, reply) => {
    const instance = approvals.get(request.params.processInstanceId);
    if (!instance) return sendProblem(request, reply, { status: 404, code: 'sandbox.approval_not_found', title: 'Not Found', detail: `No approval "${request.params.processInstanceId}"` });
    return summarizeInstance(instance, org);
  });

  /** Agree or refuse as `userId`; only a current approver of a running instance may. */
  app.post<{ Params: { processInstanceId: string } }>('/approvals/:processInstanceId/decide', async (request, reply) => {
    const body = decideBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    const decided = approvals.decide({ processInstanceId: request.params.processInstanceId, ...body.data });
    if (decided.ok) return summarizeInstance(decided.value, org);
    if (decided.problem.name === 'instanceNotFound') {
      return sendProblem(request, reply, { status: 404, code: 'sandbox.approval_not_found', title: 'Not Found', detail: decided.problem.message });
    }
    return sendProblem(request, reply, { status: 409, code: 'sandbox.not_current_approver', title: 'Conflict', detail: decided.problem.message });
  });
};
