import type { Probe, ProbeBody, ProbeResult, ProbeResultPage } from '@dingops/shared/probes';
import type { ProbeOutcome } from '@dingops/shared/rules/probe-outcome';
import type { User } from '@dingops/shared/users';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { createProbeChecks, type IngestAlerts, type ProbesSettings } from './probe-checks';
import { probeNameTaken, probeNotFound } from './probes.errors';
import { isUniqueViolation, type ProbesRepository } from './probes.repository';
import type { ProbeRunner } from './probes.runner';
import type { AlertProbeResultRow, AlertProbeRow } from './probes.table';

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const dayMs = 86_400_000;

export const toProbeResult = (row: Pick<AlertProbeResultRow, 'at' | 'outcome' | 'responseMs' | 'statusCode' | 'error'>): ProbeResult => ({ at: row.at.toISOString(), outcome: row.outcome, responseMs: row.responseMs, statusCode: row.statusCode, error: row.error });

function toProbe(row: AlertProbeRow, upPercent24h: number | null): Probe {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    target: row.target,
    method: row.method,
    expectedStatus: row.expectedStatus,
    timeoutMs: row.timeoutMs,
    slowMs: row.slowMs,
    intervalSeconds: row.intervalSeconds,
    failuresToAlert: row.failuresToAlert,
    labels: row.labels,
    enabled: row.enabled,
    nextRunAt: row.nextRunAt.toISOString(),
    lastCheckedAt: iso(row.lastCheckedAt),
    lastOutcome: row.lastOutcome,
    lastResponseMs: row.lastResponseMs,
    lastError: row.lastError,
    consecutiveFailures: row.consecutiveFailures,
    alertState: row.alertState,
    upPercent24h,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createProbesService({
  db,
  repo,
  audit,
  ingest,
  runner,
  clock,
  log,
  settings,
  onCheck,
}: {
  db: Db;
  repo: ProbesRepository;
  audit: AuditService;
  ingest: IngestAlerts;
  runner: ProbeRunner;
  clock: () => Date;
  log: FastifyBaseLogger;
  settings: ProbesSettings;
  onCheck: (kind: 'http' | 'tcp', outcome: ProbeOutcome) => void;
}) {
  const { record, check, resolveOpen, runDue } = createProbeChecks({ db, repo, ingest, runner, clock, log, settings, onCheck });
  const availabilitySince = () => repo.availabilitySince(new Date(clock().getTime() - dayMs));
  const withAvailability = async (row: AlertProbeRow) => toProbe(row, (await availabilitySince()).get(row.id) ?? null);

  async function requireProbe(id: string): Promise<AlertProbeRow> {
    const row = await repo.findProbe(id);
    if (!row) throw probeNotFound(id);
    return row;
  }

  async function withNameCheck<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw probeNameTaken(name);
      throw error;
    }
  }

  return {
    async list(): Promise<{ items: Probe[] }> {
      const [rows, availability] = await Promise.all([repo.listProbes(), availabilitySince()]);
      return { items: rows.map((row) => toProbe(row, availability.get(row.id) ?? null)) };
    },

    async create({ body, actor, context }: { body: ProbeBody; actor: User; context: AuditContext }): Promise<Probe> {
      const now = clock();
      const row = await withNameCheck(body.name, () =>
        db.transaction(async (tx) => {
          const created = await repo.insertProbe({ ...body, nextRunAt: now, createdBy: actor.name, createdAt: now, updatedAt: now }, tx);
          await audit.record(context, { action: 'alerts.probe_created', target: { type: 'alert_probe', id: created.id }, summary: { name: body.name, kind: body.kind, target: body.target } }, tx);
          return created;
        }),
      );
      return toProbe(row, null);
    },

    /** Replaces a probe's settings; disabling it resets its counters and resolves its open alert. */
    async update({ id, body, context }: { id: string; body: ProbeBody; context: AuditContext }): Promise<Probe> {
      const now = clock();
      const { before, after } = await withNameCheck(body.name, () =>
        db.transaction(async (tx) => {
          const locked = await repo.lockProbe(id, tx);
          if (!locked) throw probeNotFound(id);
          const reset = body.enabled ? {} : { consecutiveFailures: 0, consecutiveSlow: 0, alertState: 'ok' as const };
          const rescheduled = body.enabled && (!locked.enabled || body.intervalSeconds !== locked.intervalSeconds) ? { nextRunAt: now } : {};
          const updated = await repo.updateProbe(id, { ...body, ...reset, ...rescheduled, updatedAt: now }, tx);
          await audit.record(context, { action: 'alerts.probe_updated', target: { type: 'alert_probe', id }, summary: { name: body.name, target: body.target, enabled: body.enabled, wasEnabled: locked.enabled } }, tx);
          return { before: locked, after: updated! };
        }),
      );
      if (!body.enabled) await resolveOpen(before, '探测已停用');
      return withAvailability(after);
    },

    async remove({ id, context }: { id: string; context: AuditContext }) {
      const deleted = await db.transaction(async (tx) => {
        const row = await repo.deleteProbe(id, tx);
        if (!row) throw probeNotFound(id);
        await audit.record(context, { action: 'alerts.probe_deleted', target: { type: 'alert_probe', id }, summary: { name: row.name, target: row.target, alertState: row.alertState } }, tx);
        return row;
      });
      await resolveOpen(deleted, '探测已删除');
    },

    /** 立即探测: one check now, recorded and stepped like a scheduled one. */
    async runNow({ id, context }: { id: string; context: AuditContext }) {
      const probe = await requireProbe(id);
      const observation = await check(probe);
      const saved = await record(id, observation, clock(), (tx, result) =>
        audit.record(context, { action: 'alerts.probe_run', target: { type: 'alert_probe', id }, summary: { outcome: result.outcome, responseMs: result.responseMs } }, tx),
      );
      if (!saved) throw probeNotFound(id);
      return { result: toProbeResult(saved.result), probe: await withAvailability(saved.probe) };
    },

    async results({ id, hours }: { id: string; hours: number }): Promise<ProbeResultPage> {
      await requireProbe(id);
      const to = clock();
      const from = new Date(to.getTime() - hours * 3_600_000);
      const summary = await repo.summarize(id, from, to);
      const points = await repo.pointsOf(id, from, to, summary.count);
      return { items: points.map(toProbeResult), summary: { ...summary, from: from.toISOString(), to: to.toISOString() } };
    },

    /** The job: claim due probes, check them a few at a time, record each; then prune old results. */
    runDue,
  };
}

export type ProbesService = ReturnType<typeof createProbesService>;
