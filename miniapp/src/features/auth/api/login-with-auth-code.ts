import type { Session } from '@dingops/shared/auth';
import { apiRequest } from '../../../lib/api-client';
import { loginSessionSchema } from '../../../lib/login-schemas';

/** POST /auth/dingtalk: trade a one-time DingTalk auth code for a DingOps session. */
export function loginWithAuthCode({ authCode, silent = true }: { authCode: string; silent?: boolean }): Promise<Session> {
  return apiRequest('/auth/dingtalk', { method: 'POST', body: { authCode }, schema: loginSessionSchema, auth: false, silent });
}
