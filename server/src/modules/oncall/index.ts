import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createDemoSeeder } from './oncall.seed';
import { createOncallRepository } from './oncall.repository';
import { setupPolicyRoutes, setupScheduleRoutes } from './oncall.routes';
import { createPoliciesService, type PoliciesService } from './policies.service';
import { createSchedulesService, type SchedulesService } from './schedules.service';

function createOncall(app: FastifyInstance) {
  const { database, clock, config, dingtalk } = app.deps;
  const repo = createOncallRepository({ db: database.db });
  const enabled = config.dingtalk.mode === 'sandbox' && config.sandbox.seedDemo;
  const ready = createDemoSeeder({ db: database.db, repo, audit: app.audit, identity: app.identity, dingtalk, clock, log: app.log.child({ module: 'oncall' }), enabled });
  const deps = { db: database.db, repo, audit: app.audit, clock, ready };
  return { schedules: createSchedulesService(deps), policies: createPoliciesService(deps) };
}

/** What other modules (alerts) may ask of on-call: who to page now, and which policy to walk. */
export interface OncallContract {
  onCall: SchedulesService['onCall'];
  policy: PoliciesService['policy'];
}

declare module 'fastify' {
  interface FastifyInstance {
    oncall: OncallContract;
  }
}

/**
 * On-call rotations and escalation policies (issue 5 item 5). The contract is decorated on the root
 * instance (fastify-plugin), where app.ts picks it up for the alerts module; the routes stay
 * encapsulated under the prefix.
 */
export const oncallModule = fp(
  async (app: FastifyInstance, options: { prefix: string }) => {
    const services = createOncall(app);
    const contract: OncallContract = { onCall: services.schedules.onCall, policy: services.policies.policy };
    app.decorate('oncall', contract);
    await app.register(
      async (scoped) => {
        setupScheduleRoutes(scoped, services.schedules);
        setupPolicyRoutes(scoped, services.policies);
      },
      { prefix: options.prefix },
    );
  },
  { name: 'oncall', dependencies: ['deps', 'audit', 'identity'] },
);
