import type { AssignableRole } from '@dingops/shared/roles';
import type { buildApp } from './app';
import type { Config } from './config';
import { systemContext } from './platform/audit/audit.service';

type Grant = { dingtalkUserId: string; role: AssignableRole };

/**
 * The first IT admins come from ADMIN_USER_IDS; the start-up may add more grants to the same
 * transaction (in sandbox mode, the demo company's roles).
 */
export async function seedAccess({ app, config, alsoGrant = [] }: { app: Awaited<ReturnType<typeof buildApp>>; config: Config; alsoGrant?: readonly Grant[] }) {
  const grants: Grant[] = config.auth.adminUserIds.map((dingtalkUserId) => ({ dingtalkUserId, role: 'it_admin' }));
  await app.identity.ensureGrants([...grants, ...alsoGrant], systemContext);
}
