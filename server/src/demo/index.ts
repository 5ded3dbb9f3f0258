import type { FastifyInstance } from 'fastify';
import { seedDemoAccess } from './access.seed';
import { seedDemoArticles } from './knowledge.seed';
import { createOncallDemoSeed } from './oncall.seed';
import { seedDemoProbesOnListen } from './probes.seed';
import { demoRoleGrants } from './roles.seed';

// The demo company's data in DingOps: what an IT team would have entered by the time the demo story
// starts (shared/DEMO.md). Sandbox mode with SANDBOX_SEED_DEMO only; runtime.ts is the one caller.
// Each seed fills empty tables through what the module exports, so the modules know nothing of it.

export { demoRoleGrants };

/** Runs after the app is built and before it listens (what needs the listening port waits for it). */
export async function seedDemo({ app, clock }: { app: FastifyInstance; clock: () => Date }) {
  const { database, dingtalk } = app.deps;
  app.oncall.beforeFirstUse(createOncallDemoSeed({ db: database.db, audit: app.audit, identity: app.identity, dingtalk, clock }));
  seedDemoProbesOnListen(app);
  await seedDemoArticles({ app });
  await seedDemoAccess({ db: database.db, audit: app.audit, clock });
}
