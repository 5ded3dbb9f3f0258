import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { baseUrlOf, sendV1Failure } from '../replies';
import type { SandboxState } from '../state';
import type { ApprovalProblem } from './approval-problems';
import { renderInstance, workflowTime } from './approval-render';
import { renderSchema } from './process-definitions';

const formValue = z.object({ name: z.string(), value: z.string(), id: z.string().optional() }).loose();

const startBody = z.object({
  processCode: z.string().min(1),
  originatorUserId: z.string().min(1),
  deptId: z.number().int().optional(),
  formComponentValues: z.array(formValue),
  approvers: z.array(z.object({ actionType: z.string(), userIds: z.array(z.string()) })).optional(),
  ccList: z.array(z.string()).optional(),
  ccPosition: z.string().optional(),
  microappAgentId: z.number().optional(),
  bizDetailPageUrl: z.string().optional(),
});

const instanceQuery = z.object({ processInstanceId: z.string().min(1) });
const schemaQuery = z.object({ processCode: z.string().min(1) });
const terminateBody = z.object({ processInstanceId: z.string().min(1), isSystem: z.boolean().optional(), remark: z.string().optional(), operatingUserId: z.string().optional() });

function sendMissing(reply: FastifyReply, error: z.ZodError) {
  const field = error.issues[0]?.path.join('.') || 'body';
  return sendV1Failure(reply, 400, `MissingParameter.${field}`, `${field} is mandatory for this action.`);
}

const sendProblem = (reply: FastifyReply, problem: ApprovalProblem) => sendV1Failure(reply, problem.status, problem.code, problem.message);

/** The approval (workflow_1_0) calls DingOps makes through the official SDK. */
export const workflowRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { approvals } = state;

  app.post('/v1.0/workflow/processInstances', async (request, reply) => {
    const body = startBody.safeParse(request.body ?? {});
    if (!body.success) return sendMissing(reply, body.error);
    const started = approvals.start(body.data);
    if (!started.ok) return sendProblem(reply, started.problem);
    return { instanceId: started.value.processInstanceId };
  });

  app.get('/v1.0/workflow/processInstances', async (request, reply) => {
    const query = instanceQuery.safeParse(request.query);
    if (!query.success) return sendMissing(reply, query.error);
    const instance = approvals.get(query.data.processInstanceId);
    if (!instance) return sendV1Failure(reply, 400, 'invalidParameter.processInstanceId.notExist', '审批实例不存在');
    return renderInstance(instance, baseUrlOf(request));
  });

  app.post('/v1.0/workflow/processInstances/terminate', async (request, reply) => {
    const body = terminateBody.safeParse(request.body ?? {});
    if (!body.success) return sendMissing(reply, body.error);
    const terminated = approvals.terminate(body.data);
    if (!terminated.ok) return sendProblem(reply, terminated.problem);
    return { success: true, result: true };
  });

  app.get('/v1.0/workflow/forms/schemas/processCodes', async (request, reply) => {
    const query = schemaQuery.safeParse(request.query);
    if (!query.success) return sendMissing(reply, query.error);
    const definition = approvals.getDefinition(query.data.processCode);
    if (!definition) return sendV1Failure(reply, 400, 'invalidParameter.processCode.notExist', '审批模板不存在');
    return renderSchema(definition, workflowTime);
  });
};
