import type { FastifyPluginAsync } from 'fastify';
import { departmentRoutes } from './department.routes';
import { oapiFailure } from './replies';
import type { SandboxState } from './state';
import { userListRoutes } from './user-list.routes';
import { userRoutes } from './user.routes';

/**
 * The old `topapi` endpoints. All take the app token as `?access_token=`; an unknown or expired
 * one is refused with errcode 40014 (and, as always on this host, HTTP 200).
 */
export const oapiRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  app.addHook('onRequest', async (request, reply) => {
    const { access_token: token } = request.query as { access_token?: unknown };
    if (state.tokens.resolve(typeof token === 'string' ? token : undefined) === null) {
      return reply.send(oapiFailure(40014, '不合法的access_token'));
    }
  });

  await app.register(userRoutes, { state });
  await app.register(userListRoutes, { state });
  await app.register(departmentRoutes, { state });
};
