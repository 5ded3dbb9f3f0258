import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client';
import { createProbesRepository } from '../modules/alerts';
import { type AuditService, systemContext } from '../platform/audit/audit.service';
import { isLoopback, ownUrl } from '../platform/http/own-url';

type ProbesRepository = ReturnType<typeof createProbesRepository>;
type NewProbe = Parameters<ProbesRepository['insertProbe']>[0];

/** DingOps's own /readyz (see ownUrl). */
export const ownReadyzUrl = (listening: { publicUrl: string; address: AddressInfo; tls: boolean }) => ownUrl(listening, '/readyz');

/** The sandbox's host:port, when it runs on this machine. */
export function sandboxTcpTarget(sandboxApiUrl: string | null): string | null {
  if (!sandboxApiUrl) return null;
  const url = new URL(sandboxApiUrl);
  return isLoopback(url.hostname) ? `${url.hostname}:${url.port || 80}` : null;
}

/**
 * An empty probe list gets two demo probes that work on a fresh machine without the
 * internet (DingOps's /readyz and the DingTalk sandbox's port). Nothing off loopback is ever probed.
 */
export async function seedDemoProbes({ db, repo, audit, clock, readyzUrl, sandboxTarget }: { db: Db; repo: ProbesRepository; audit: AuditService; clock: () => Date; readyzUrl: string | null; sandboxTarget: string | null }): Promise<number> {
  if (!(await repo.isEmpty())) return 0;
  const now = clock();
  const common = { createdBy: 'DingOps', createdAt: now, updatedAt: now, nextRunAt: now, intervalSeconds: 60, failuresToAlert: 2 };
  const probes: NewProbe[] = [];
  if (readyzUrl) probes.push({ ...common, name: 'DingOps 自身', kind: 'http', target: readyzUrl, expectedStatus: '200', timeoutMs: 5000, slowMs: 2000, labels: { service: 'dingops' } });
  if (sandboxTarget) probes.push({ ...common, name: '钉钉沙箱端口', kind: 'tcp', target: sandboxTarget, timeoutMs: 3000, labels: { service: 'dingtalk-sandbox' } });
  if (probes.length === 0) return 0;
  return db.transaction(async (tx) => {
    const ids = [];
    for (const probe of probes) ids.push((await repo.insertProbe(probe, tx)).id);
    await audit.record(systemContext, { action: 'alerts.demo_probes_seeded', summary: { probeIds: ids, targets: probes.map((probe) => probe.target) } }, tx);
    return ids.length;
  });
}

/** Once the server listens (the targets need its port), an empty probe list gets the demo probes. */
export function seedDemoProbesOnListen(app: FastifyInstance) {
  const { database, clock, config, sandboxApiUrl } = app.deps;
  const log = app.log.child({ module: 'alerts.probes' });
  app.addHook('onListen', async () => {
    const address = app.server.address() as AddressInfo | null;
    try {
      const readyzUrl = address && typeof address === 'object' ? ownReadyzUrl({ publicUrl: config.server.publicUrl, address, tls: config.server.tls !== null }) : null;
      const seeded = await seedDemoProbes({ db: database.db, repo: createProbesRepository({ db: database.db }), audit: app.audit, clock, readyzUrl, sandboxTarget: sandboxTcpTarget(sandboxApiUrl) });
      if (seeded > 0) log.info({ seeded }, 'Seeded the demo probes');
    } catch (error) {
      // A demo nicety (or another instance seeding at the same moment) must not stop the start-up.
      log.warn({ err: error }, 'Skipped the demo probes');
    }
  });
}
