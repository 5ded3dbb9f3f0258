import type { FastifyInstance } from 'fastify';
import { createRobotPoolRepository } from './robot-pool.repository';
import { setupRobotPoolRoutes } from './robot-pool.routes';
import { createRobotPoolService } from './robot-pool.service';

/**
 * 机器人池 inside the alerts module: the routes under its prefix, the pools handed to the outbox (which
 * picks a robot per message when it delivers).
 */
export function setupRobotPoolModule(app: FastifyInstance) {
  const { database, clock, config, cipher, sandboxApiUrl, directory } = app.deps;
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

  return pool;
}
