import type { SandboxPersonAccess } from '@dingops/shared/auth';
import { apiRequest } from '../../../lib/api-client';
import { sandboxAccessLoginSchema } from '../../../lib/login-schemas';

/** GET /auth/sandbox-access: what DingOps knows of each demo person's roles (sandbox mode only). */
export async function getSandboxAccess({ signal }: { signal?: AbortSignal } = {}): Promise<SandboxPersonAccess[]> {
  const { people } = await apiRequest('/auth/sandbox-access', { schema: sandboxAccessLoginSchema, auth: false, silent: true, signal });
  return people;
}
