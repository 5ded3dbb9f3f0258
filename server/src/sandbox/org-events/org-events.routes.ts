import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendInvalidBody, sendProblem } from '../replies';
import type { SandboxState } from '../state';
import { applyOrgChange } from './org-changes';

const userId = z.string().trim().min(1).max(64);

const orgChangeBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('user_add_org'),
    userId: userId.optional(),
    name: z.string().trim().min(1).max(40),
    departmentId: z.number().int(),
    title: z.string().max(60).optional(),
    mobile: z.string().max(20).optional(),
    managerUserId: userId.optional(),
    operatorUserId: userId.optional(),
  }),
  z.object({
    type: z.literal('user_modify_org'),
    userId,
    title: z.string().max(60).optional(),
    departmentId: z.number().int().optional(),
    isLeader: z.boolean().optional(),
    managerUserId: userId.nullable().optional(),
    operatorUserId: userId.optional(),
  }),
  z.object({ type: z.literal('user_leave_org'), userId, operatorUserId: userId.optional() }),
]);

const statusOf = { user_not_found: 404, department_not_found: 404, user_exists: 409 } as const;

/**
 * `POST /sandbox/api/org-events`: someone joins, changes title or department, or leaves. The org
 * changes at once (topapi answers accordingly) and the contact event is pushed to the app.
 */
export const orgEventRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  app.post('/org-events', async (request, reply) => {
    const body = orgChangeBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    const result = applyOrgChange(state, body.data);
    if (!result.ok) {
      return sendProblem(request, reply, { status: statusOf[result.problem], code: `sandbox.${result.problem}`, title: result.problem === 'user_exists' ? 'Conflict' : 'Not Found', detail: result.detail });
    }
    return reply.status(201).send({ eventId: result.eventId, eventType: body.data.type, userId: result.userId, user: result.user });
  });
};
