import type { Logger } from 'pino';
import { createAccessTokenFetcher } from './access-token';
import { isStaleTokenError } from './errors';
import { postOapi } from './oapi';
import { toDepartment, toIdentity, toUserProfile } from './org-mapping';
import { createTokenCache } from './token-cache';
import type { DingTalkDepartment, DingTalkIdentity, DingTalkUserProfile } from './types';

export interface DingTalkClientOptions {
  /** AppKey of the internal app. */
  clientId: string;
  /** AppSecret of the internal app. */
  clientSecret: string;
  corpId: string;
  agentId: string;
  /** host[:port] of the v1.0 API for the SDK, e.g. 'api.dingtalk.com'; no scheme. */
  apiEndpoint: string;
  apiProtocol: 'https' | 'http';
  /** Base URL of the old oapi/topapi host, e.g. 'https://oapi.dingtalk.com'. */
  oapiBaseUrl: string;
  /** Timeout of one HTTP call. */
  timeoutMs: number;
  log?: Logger;
  /** Clock for the token cache; tests may pass their own. */
  now?: () => number;
}

export interface DingTalkClient {
  /** App access token: cached, refreshed five minutes before expiry, one fetch at a time. */
  getAccessToken(): Promise<string>;
  /** Exchange a micro-app login code (single use, 5 minutes) for the user it was issued to. */
  getIdentityByAuthCode(authCode: string): Promise<DingTalkIdentity>;
  getUserProfile(userId: string): Promise<DingTalkUserProfile>;
  getDepartment(departmentId: number): Promise<DingTalkDepartment>;
}

/** All calls throw DingTalkError. */
export function createDingTalkClient(options: DingTalkClientOptions): DingTalkClient {
  const log = options.log?.child({ module: 'dingtalk' });
  const fetchToken = createAccessTokenFetcher(options);
  const tokens = createTokenCache({
    fetchToken: async () => {
      const fetched = await fetchToken();
      log?.debug({ expiresInSeconds: fetched.expiresInSeconds }, 'Fetched DingTalk access token');
      return fetched;
    },
    now: options.now,
  });

  /**
   * Run a call with the app token. A token DingTalk no longer accepts (restarted tenant, rotated
   * secret) is dropped and the call retried once with a fresh one.
   */
  async function withToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await tokens.get();
    try {
      return await call(token);
    } catch (error) {
      if (!isStaleTokenError(error)) throw error;
      log?.warn({ code: error.code, api: error.api }, 'DingTalk refused the access token; fetching a new one');
      tokens.invalidate(token);
      return call(await tokens.get());
    }
  }

  async function topapi(path: string, body: Record<string, unknown>) {
    return withToken((accessToken) => postOapi({ settings: options, path, body, accessToken }));
  }

  return {
    getAccessToken: () => tokens.get(),

    async getIdentityByAuthCode(authCode) {
      const path = '/topapi/v2/user/getuserinfo';
      return toIdentity(await topapi(path, { code: authCode }), `POST ${path}`);
    },

    async getUserProfile(userId) {
      const path = '/topapi/v2/user/get';
      return toUserProfile(await topapi(path, { userid: userId, language: 'zh_CN' }), `POST ${path}`);
    },

    async getDepartment(departmentId) {
      const path = '/topapi/v2/department/get';
      return toDepartment(await topapi(path, { dept_id: departmentId, language: 'zh_CN' }), `POST ${path}`);
    },
  };
}
