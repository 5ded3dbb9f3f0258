import { z } from 'zod';
import { systemContext } from '../../../platform/audit/audit.service';
import type { RobotPoolService } from './robot-pool.service';

/** The part of the sandbox's own robot list (GET /sandbox/api/robots) the seed reads. */
const sandboxRobotsSchema = z.object({
  robots: z.array(z.object({ kind: z.string(), name: z.string(), webhookUrl: z.string().nullable(), secret: z.string().nullable(), conversationIds: z.array(z.string()) })),
});

/**
 * Sandbox mode: the IT ops group's custom webhook robots join its pool, so a demo storm shows the
 * pool at work. Robots already in the pool (by name) are left alone, so a restart changes nothing.
 */
export async function seedSandboxRobotPool({ pool, sandboxApiUrl, conversationId }: { pool: RobotPoolService; sandboxApiUrl: string; conversationId: string }): Promise<number> {
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
