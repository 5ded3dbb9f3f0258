import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { avatarUrl } from './wire-render';
import { baseUrlOf, sendInvalidBody, sendProblem } from './replies';
import type { SandboxState } from './state';

const authCodeBody = z.object({ userId: z.string().trim().min(1).max(64) });

/**
 * The sandbox's own JSON API (not DingTalk's): the people picker behind "log in as", and the data
 * the console shows. Mounted under /sandbox/api; answers errors as problem+json.
 */
export const apiRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { org } = state;

  app.get('/people', async (request) => {
    const baseUrl = baseUrlOf(request);
    const people = org.listUsers().map((user) => ({
      userId: user.userId,
      name: user.name,
      title: user.title,
      avatarUrl: avatarUrl(baseUrl, user),
      mobile: user.mobile,
      departments: user.departments.map((entry) => ({
        id: entry.departmentId,
        name: org.getDepartment(entry.departmentId)?.name ?? '',
        isLeader: entry.isLeader,
      })),
    }));
    return { people };
  });

  app.get('/departments', async () => ({
    departments: org.listDepartments().map((department) => ({
      id: department.id,
      name: department.name,
      parentId: department.parentId,
      leaderUserIds: org.leaderUserIds(department.id),
      memberCount: org.listMembers(department.id).length,
    })),
  }));

  app.get('/groups', async () => ({ groups: org.listGroups() }));

  /** "Log in as": what `dd.requestAuthCode` would return inside DingTalk for this person. */
  app.post('/auth-codes', async (request, reply) => {
    const body = authCodeBody.safeParse(request.body);
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    if (!org.getUser(body.data.userId)) {
      return sendProblem(request, reply, {
        status: 404,
        code: 'sandbox.user_not_found',
        title: 'Not Found',
        detail: `No person with userId "${body.data.userId}" in the sandbox org`,
      });
    }
    const { authCode, expiresAt } = state.authCodes.issue(body.data.userId);
    return reply.status(201).send({ authCode, expiresAt: new Date(expiresAt).toISOString() });
  });
};
