import type { FastifyInstance } from 'fastify';
import { seedDemoAccess } from './access.seed';
import { connectSandboxAlertmanagerOnListen } from './alerts-sandbox.seed';
import { seedDemoArticles } from './knowledge.seed';
import { createOncallDemoSeed } from './oncall.seed';
import { seedDemoProbesOnListen } from './probes.seed';
import { seedSandboxRobotPoolOnListen } from './robot-pool.seed';
import { setupSandboxHttpDelivery } from './sandbox-http-delivery';
import { demoRoleGrants } from './roles.seed';

// What sandbox mode adds to DingOps, wired by runtime.ts alone: the hand-shake that points the
// sandbox at this server, and (with SANDBOX_SEED_DEMO) the demo company's data — what an IT team
// would have entered by the time the demo story starts (shared/DEMO.md). Each seed fills empty
// tables through what the module exports, so the modules know nothing of a demo.

export { demoRoleGrants };

/** Against the sandbox this DingOps started (or DINGTALK_SANDBOX_URL): what an admin would set up in DingTalk. */
export function connectSandbox(app: FastifyInstance) {
  setupSandboxHttpDelivery(app);
}

/** Runs after the app is built and before it listens (what needs the listening port waits for it). */
export async function seedDemo({ app, clock }: { app: FastifyInstance; clock: () => Date }) {
  const { database, dingtalk } = app.deps;
  app.oncall.beforeFirstUse(createOncallDemoSeed({ db: database.db, audit: app.audit, identity: app.identity, dingtalk, clock }));
  seedDemoProbesOnListen(app);
  seedSandboxRobotPoolOnListen(app);
  connectSandboxAlertmanagerOnListen(app);
  await seedDemoArticles({ app });
  await seedDemoAccess({ db: database.db, audit: app.audit, clock });
}
