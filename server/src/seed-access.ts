import type { AssignableRole } from '@dingops/shared/roles';
import type { buildApp } from './app';
import type { Config } from './config';
import { systemContext } from './platform/audit/audit.service';

/**
 * The first IT admins come from ADMIN_USER_IDS. In sandbox mode an empty database also gets the demo
 * company's roles (IT lead, IT staff, auditor) so the trial shows every view at once.
 */
export async function seedAccess({ app, config, demoRoles }: { app: Awaited<ReturnType<typeof buildApp>>; config: Config; demoRoles: readonly { userId: string; roles: readonly AssignableRole[] }[] }) {
  const grants: { dingtalkUserId: string; role: AssignableRole }[] = config.auth.adminUserIds.map((dingtalkUserId) => ({ dingtalkUserId, role: 'it_admin' }));
  const seedDemo = config.dingtalk.mode === 'sandbox' && config.sandbox.seedDemo && (await app.identity.isEmpty());
  if (seedDemo) grants.push(...demoRoles.flatMap(({ userId, roles }) => roles.map((role) => ({ dingtalkUserId: userId, role }))));
  await app.identity.ensureGrants(grants, systemContext);
}
