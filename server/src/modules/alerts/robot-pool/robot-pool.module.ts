import type { FastifyInstance } from 'fastify';
import { createRobotPoolRepository } from './robot-pool.repository';
import { setupRobotPoolRoutes } from './robot-pool.routes';
import { seedSandboxRobotPool } from './robot-pool.seed';
import { createRobotPoolService } from './robot-pool.service';

/**
 * 机器人池 inside the alerts module: the routes under its prefix, the pools handed to the outbox (which
 * picks a robot per message when it delivers), and in sandbox mode the IT ops group's demo robots.
 */
export function setupRobotPoolModule(app: FastifyInstance) {
  const { database, clock, config, cipher, sandboxApiUrl, directory } = app.deps;
  const log = app.log.child({ module: 'alerts.robot-pool' });
  // Custom robots live on DingTalk's oapi host; against the sandbox, on the sandbox's own.
  const sandboxUrl = sandboxApiUrl ? sandboxApiUrl.replace(/\/sandbox\/api\/?$/, '') : null;
  const pool = createRobotPoolService({
    db: database.db,
    repo: createRobotPoolRepository({ db: database.db }),
    audit: app.audit,
    cipher,
    clock,
    settings: { oapiBaseUrl: sandboxUrl ?? config.dingtalk.oapiUrl, requireHttps: sandboxUrl === null, itOpsGroupId: directory.itOpsGroupId, leadershipGroupId: directory.leadershipGroupId },
  });

  setupRobotPoolRoutes(app, pool);
  app.outbox.usePools(pool.poolOf);

  const itGroupId = directory.itOpsGroupId;
  if (config.dingtalk.mode === 'sandbox' && config.sandbox.seedDemo && sandboxApiUrl && itGroupId) {
    app.addHook('onListen', async () => {
      try {
        const seeded = await seedSandboxRobotPool({ pool, sandboxApiUrl, conversationId: itGroupId });
        if (seeded > 0) log.info({ seeded }, 'Seeded the IT ops group’s robot pool');
      } catch (error) {
        // A demo nicety must not stop the start-up.
        log.warn({ err: error }, 'Skipped the demo robot pool');
      }
    });
  }
  return pool;
}
