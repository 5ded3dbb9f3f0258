import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createFirstUse } from './first-use';
import { createOncallRepository } from './oncall.repository';
import { setupPolicyRoutes, setupScheduleRoutes } from './oncall.routes';
import { createPoliciesService, type PoliciesService } from './policies.service';
import { createSchedulesService, type SchedulesService } from './schedules.service';

export { createOncallRepository } from './oncall.repository';

function createOncall(app: FastifyInstance) {
  const { database, clock } = app.deps;
  const repo = createOncallRepository({ db: database.db });
  const firstUse = createFirstUse({ clock, log: app.log.child({ module: 'oncall' }) });
  const deps = { db: database.db, repo, audit: app.audit, clock, ready: firstUse.ready };
  return { schedules: createSchedulesService(deps), policies: createPoliciesService(deps), firstUse };
}

/**
 * What other modules (alerts) may ask of on-call: who to page now, and which policy to walk; and
 * what start-up may set: a step to run before the first use (the demo rotation).
 */
export interface OncallContract {
  onCall: SchedulesService['onCall'];
  policy: PoliciesService['policy'];
  beforeFirstUse: ReturnType<typeof createFirstUse>['beforeFirstUse'];
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
    const contract: OncallContract = { onCall: services.schedules.onCall, policy: services.policies.policy, beforeFirstUse: services.firstUse.beforeFirstUse };
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
