import { externalRequest } from '../../../lib/api-client';
import { sandboxAuthCodeSchema } from './sandbox-people';

type CreateSandboxAuthCodeInput = { sandboxApiUrl: string; userId: string; silent?: boolean };

/** POST {sandbox}/auth-codes: the sandbox's stand-in for DingTalk's requestAuthCode. */
export async function createSandboxAuthCode({ sandboxApiUrl, userId, silent = true }: CreateSandboxAuthCodeInput): Promise<string> {
  const { authCode } = await externalRequest(`${sandboxApiUrl.replace(/\/+$/, '')}/auth-codes`, {
    method: 'POST',
    body: { userId },
    schema: sandboxAuthCodeSchema,
    silent,
  });
  return authCode;
}
