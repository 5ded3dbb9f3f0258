import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { AlertsContract } from '../modules/alerts';
import { systemContext } from '../platform/audit/audit.service';

/** The part of the sandbox's own robot list (GET /sandbox/api/robots) the seed reads. */
const sandboxRobotsSchema = z.object({
  robots: z.array(z.object({ kind: z.string(), name: z.string(), webhookUrl: z.string().nullable(), secret: z.string().nullable(), conversationIds: z.array(z.string()) })),
});

/**
 * Sandbox mode: the IT ops group's custom webhook robots join its pool, so a demo storm shows the
 * pool at work. Robots already in the pool (by name) are left alone, so a restart changes nothing.
 */
export async function seedSandboxRobotPool({ pool, sandboxApiUrl, conversationId }: { pool: AlertsContract['robotPool']; sandboxApiUrl: string; conversationId: string }): Promise<number> {
  const response = await fetch(`${sandboxApiUrl}/robots`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`The sandbox answered ${response.status} for its robot list`);
  const { robots } = sandboxRobotsSchema.parse(await response.json());
  let added = 0;
  for (const robot of robots) {
    if (robot.kind !== 'webhook' || !robot.webhookUrl || !robot.conversationIds.includes(conversationId)) continue;
    const body = { name: robot.name, webhookUrl: robot.webhookUrl, secret: robot.secret, enabled: true };
    if (await pool.addIfNew({ conversationId, body, actor: { id: null, name: 'DingOps' }, context: systemContext })) added += 1;
  }
  return added;
}

/** In sandbox mode with the demo company, fills the IT ops group's robot pool once the server listens. */
export function seedSandboxRobotPoolOnListen(app: FastifyInstance) {
  const { sandboxApiUrl, directory } = app.deps;
  const conversationId = directory.itOpsGroupId;
  if (!sandboxApiUrl || !conversationId) return;
  const log = app.log.child({ module: 'demo' });
  app.addHook('onListen', async () => {
    try {
      const seeded = await seedSandboxRobotPool({ pool: app.alerts.robotPool, sandboxApiUrl, conversationId });
      if (seeded > 0) log.info({ seeded }, 'Seeded the IT ops group’s robot pool');
    } catch (error) {
      // A demo nicety must not stop the start-up.
      log.warn({ err: error }, 'Skipped the demo robot pool');
    }
  });
}
