import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import { probesJob } from './probes.jobs';
import { createProbesRepository } from './probes.repository';
import { setupProbeRoutes } from './probes.routes';
import { runCheck } from './probes.runner';
import type { IngestAlerts } from './probe-checks';
import { createProbesService } from './probes.service';

/** Built-in probes inside the alerts module: routes under its prefix, the 10-second job and the check counter. */
export function setupProbesModule(app: FastifyInstance, { ingest }: { ingest: IngestAlerts }) {
  const { database, clock, config } = app.deps;
  const log = app.log.child({ module: 'alerts.probes' });
  const checks = new Counter({ name: 'dingops_probe_checks_total', help: 'Built-in probe checks, by kind and outcome.', labelNames: ['kind', 'outcome'], registers: [app.metrics.registry] });
  const repo = createProbesRepository({ db: database.db });
  const service = createProbesService({
    db: database.db,
    repo,
    audit: app.audit,
    ingest,
    runner: runCheck,
    clock,
    log,
    // 30 days of results answers "how did it do last month"; 5000 deletions a run keep up with ~100 probes at 10 s.
    settings: { tokenAlgorithm: config.crypto.algorithm, concurrency: 16, claimLimit: 200, retentionDays: 30, pruneLimit: 5000 },
    onCheck: (kind, outcome) => checks.inc({ kind, outcome }),
  });

  setupProbeRoutes(app, service);
  app.scheduler.register(probesJob({ service }));

  return service;
}
