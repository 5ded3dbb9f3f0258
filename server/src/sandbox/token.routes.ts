import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { oapiFailure, oapiInvalidParameter, sendV1Failure } from './replies';
import type { SandboxState } from './state';

const accessTokenBody = z.object({ appKey: z.string().min(1), appSecret: z.string().min(1) });
const getTokenQuery = z.object({ appkey: z.string().min(1), appsecret: z.string().min(1) });

type CredentialCheck = 'ok' | 'unknown_app' | 'wrong_secret';

function checkCredentials(state: SandboxState, appKey: string, appSecret: string): CredentialCheck {
  if (appKey !== state.app.clientId) return 'unknown_app';
  return appSecret === state.app.clientSecret ? 'ok' : 'wrong_secret';
}

const isJsonRequest = (request: FastifyRequest) => /^application\/json\b/i.test(request.headers['content-type'] ?? '');

/** App access tokens, in the new (v1.0) and old (gettoken) shapes. Both share one token per app. */
export const tokenRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  app.post('/v1.0/oauth2/accessToken', async (request, reply) => {
    // DingTalk reads only a JSON body here; a form body is "missing" (seen with the PHP SDK).
    if (!isJsonRequest(request) || request.body === undefined) {
      return sendV1Failure(reply, 400, 'Missingbody', 'body is mandatory for this action.');
    }
    const body = accessTokenBody.safeParse(request.body);
    if (!body.success) {
      const field = body.error.issues[0]?.path.join('.') ?? 'body';
      return sendV1Failure(reply, 400, `MissingParameter.${field}`, `${field} is mandatory for this action.`);
    }
    // The exact codes DingTalk uses for a wrong key or secret are not documented; these are
    // plausible names in its style, and the client treats any `invalidClient*` code as an auth failure.
    const check = checkCredentials(state, body.data.appKey, body.data.appSecret);
    if (check === 'unknown_app') return sendV1Failure(reply, 400, 'invalidClientId', '无效的clientId');
    if (check === 'wrong_secret') return sendV1Failure(reply, 400, 'invalidClientSecret', '无效的clientSecret');
    const { token, expiresInSeconds } = state.tokens.issue(body.data.appKey);
    return { accessToken: token, expireIn: expiresInSeconds };
  });

  app.get('/gettoken', async (request) => {
    const query = getTokenQuery.safeParse(request.query);
    if (!query.success) return oapiInvalidParameter(query.error);
    if (checkCredentials(state, query.data.appkey, query.data.appsecret) !== 'ok') {
      return oapiFailure(40089, '不合法的corpid或corpsecret');
    }
    const { token, expiresInSeconds } = state.tokens.issue(query.data.appkey);
    return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresInSeconds };
  });
};
