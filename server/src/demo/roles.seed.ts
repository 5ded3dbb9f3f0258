import type { AssignableRole } from '@dingops/shared/roles';
import type { FastifyInstance } from 'fastify';
import type { DemoRoleHint } from '../sandbox';

/**
 * The demo company's roles (IT lead, IT staff, auditor), for an empty database only, so the trial
 * shows every view at once. They are granted with the first admins (see seed-access.ts).
 */
export async function demoRoleGrants(app: FastifyInstance, hints: readonly DemoRoleHint[]): Promise<{ dingtalkUserId: string; role: AssignableRole }[]> {
  if (!(await app.identity.isEmpty())) return [];
  return hints.flatMap(({ userId, roles }) => roles.map((role) => ({ dingtalkUserId: userId, role })));
}
