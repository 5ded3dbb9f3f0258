import type { PublicConfig } from '@dingops/shared/auth';
import { apiRequest } from '../../../lib/api-client';
import { publicConfigLoginSchema } from '../../../lib/login-schemas';

/** GET /config: which DingTalk (sandbox or live) and which app, before anyone is logged in. */
export function getPublicConfig({ signal }: { signal?: AbortSignal } = {}): Promise<PublicConfig> {
  return apiRequest('/config', { schema: publicConfigLoginSchema, auth: false, silent: true, signal });
}
