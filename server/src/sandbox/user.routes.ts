import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { OapiUserInfo } from './wire';
import { baseUrlOf, oapiFailure, oapiInvalidParameter, oapiSuccess } from './replies';
import type { SandboxState } from './state';
import { renderUserDetail } from './wire-render';

const getUserInfoBody = z.object({ code: z.string().min(1) });
const getUserBody = z.object({ userid: z.string().min(1), language: z.enum(['zh_CN', 'en_US']).optional() });

/** Micro-app login (code → user) and one user's full profile. */
export const userRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  app.post('/topapi/v2/user/getuserinfo', async (request) => {
    const body = getUserInfoBody.safeParse(request.body ?? {});
    if (!body.success) return oapiInvalidParameter(body.error);
    const userId = state.authCodes.consume(body.data.code);
    const user = userId ? state.org.getUser(userId) : undefined;
    if (!user) return oapiFailure(40078, '不存在的临时授权码');
    const result: OapiUserInfo = {
      userid: user.userId,
      unionid: user.unionId,
      associated_unionid: '',
      name: user.name,
      device_id: createHash('md5').update(`device:${user.userId}`).digest('hex'),
      sys: user.adminLevel > 0,
      sys_level: user.adminLevel > 0 ? user.adminLevel : user.isBoss ? 100 : 0,
    };
    return oapiSuccess(result);
  });

  app.post('/topapi/v2/user/get', async (request) => {
    const body = getUserBody.safeParse(request.body ?? {});
    if (!body.success) return oapiInvalidParameter(body.error);
    const user = state.org.getUser(body.data.userid);
    if (!user) return oapiFailure(60121, '找不到该用户');
    return oapiSuccess(renderUserDetail(user, baseUrlOf(request)));
  });
};
