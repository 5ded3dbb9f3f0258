import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createFirstUse } from './first-use';
import { createOncallRepository } from './oncall.repository';
import { setupPolicyRoutes, setupScheduleRoutes } from './oncall.routes';
import { createPoliciesService } from './policies.service';
import { createSchedulesService } from './schedules.service';

export { createOncallRepository } from './oncall.repository';

function createOncall(app: FastifyInstance) {
  const { database, clock } = app.deps;
  const repo = createOncallRepository({ db: database.db });
  const firstUse = createFirstUse({ clock, log: app.log.child({ module: 'oncall' }) });
  const deps = { db: database.db, repo, audit: app.audit, clock, ready: firstUse.ready };
  return { schedules: createSchedulesService(deps), policies: createPoliciesService(deps), firstUse };
}

/**
 * What other modules (alerts) ask of on-call: who to page now, and which policy to walk; and what
 * the start-up may set: a step to run before the first use.
 */
function publicApiOf({ schedules, policies, firstUse }: ReturnType<typeof createOncall>) {
  return { onCall: schedules.onCall, policy: policies.policy, beforeFirstUse: firstUse.beforeFirstUse };
}

declare module 'fastify' {
  interface FastifyInstance {
    oncall: ReturnType<typeof publicApiOf>;
  }
}

/**
 * On-call rotations and escalation policies (issue 5 item 5). The services are decorated on the
 * root instance (fastify-plugin) so the alerts module, registered after this one, can call them;
 * the routes stay encapsulated under the prefix.
 */
export const oncallModule = fp(
  async (app: FastifyInstance, options: { prefix: string }) => {
    const services = createOncall(app);
    app.decorate('oncall', publicApiOf(services));
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
