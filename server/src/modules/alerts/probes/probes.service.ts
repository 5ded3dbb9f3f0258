import { randomBytes } from 'node:crypto';
import type { Probe, ProbeBody, ProbeResult, ProbeResultPage } from '@dingops/shared/probes';
import { type CheckObservation, type ProbeAlertName, type ProbeOutcome, type ProbeStep, type StatusRange, outcomeOf, parseExpectedStatus, stepProbeState } from '@dingops/shared/rules/probe-outcome';
import type { User } from '@dingops/shared/users';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { type CipherAlgorithm, hashToken } from '../../../platform/crypto/field-cipher';
import type { NormalizedAlert } from '../alerts.normalize';
import type { AlertSourceRow } from '../alerts.table';
import { probeNameTaken, probeNotFound } from './probes.errors';
import { isUniqueViolation, type ProbesRepository } from './probes.repository';
import type { ProbeRunner } from './probes.runner';
import type { AlertProbeResultRow, AlertProbeRow } from './probes.table';

/** The alerts service's ingest, passed in: probe alerts take the same path as webhook alerts. */
export type IngestAlerts = (input: { source: AlertSourceRow; alerts: NormalizedAlert[] }) => Promise<unknown>;

export interface ProbesSettings {
  tokenAlgorithm: CipherAlgorithm;
  /** Checks in flight at once per job run. */
  concurrency: number;
  /** Probes claimed per job run; the rest wait for the next run. */
  claimLimit: number;
  retentionDays: number;
  /** Old results deleted per job run, so pruning never makes a run long. */
  pruneLimit: number;
}

export const probeSourceName = '内置探测';
const severityOf: Record<ProbeAlertName, string> = { ProbeDown: 'critical', ProbeSlow: 'warning' };
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

/** Fingerprint per probe and alert name: firing and resolved meet on the same alert, whatever the labels became. */
export const probeFingerprint = (probeId: string, alertname: ProbeAlertName) => `probe:${probeId}:${alertname}`;

/** The alert a probe sends: its own labels first, so they cannot replace what identifies the probe. */
export function probeAlert({ probe, alertname, status, reason, responseMs, now }: { probe: AlertProbeRow; alertname: ProbeAlertName; status: 'firing' | 'resolved'; reason: string; responseMs: number | null; now: Date }): NormalizedAlert {
  const problem = alertname === 'ProbeDown' ? '无法访问' : '响应慢';
  return {
    fingerprint: probeFingerprint(probe.id, alertname),
    status,
    labels: { severity: severityOf[alertname], ...probe.labels, alertname, probe: probe.name, instance: probe.target },
    annotations: { summary: status === 'firing' ? `探测 ${probe.name} ${problem}：${reason}` : `探测 ${probe.name} 已恢复：${reason}`, value: responseMs === null ? '无响应' : `${responseMs} ms` },
    startsAt: now,
    endsAt: status === 'resolved' ? now : null,
    generatorUrl: null,
  };
}

/** TCP probes have no status; a stored list is validated on the way in, so a bad one only means "any status". */
function expectedRangesOf(probe: AlertProbeRow): StatusRange[] | null {
  if (probe.kind !== 'http') return null;
  const parsed = parseExpectedStatus(probe.expectedStatus);
  return 'ranges' in parsed ? parsed.ranges : null;
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
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
  let source: Promise<AlertSourceRow> | null = null;

  /** The built-in source; its token is the hash of random bytes nobody sees, so no webhook can pose as it. */
  function probeSource(): Promise<AlertSourceRow> {
    source ??= repo.probeSource({ name: probeSourceName, tokenHash: hashToken(randomBytes(32).toString('base64url'), settings.tokenAlgorithm), now: clock() });
    source.catch(() => (source = null));
    return source;
  }

  /** Sends the step's alerts through the ingest pipeline; an admin who disabled the built-in source mutes them. */
  async function sendAlerts(probe: AlertProbeRow, step: Pick<ProbeStep, 'fire' | 'resolve'>, { reason, responseMs, now }: { reason: string; responseMs: number | null; now: Date }) {
    if (!step.fire && step.resolve.length === 0) return;
    const row = await probeSource();
    const current = (await repo.findSourceById(row.id)) ?? row;
    if (!current.enabled) return;
    const alerts = step.resolve.map((alertname) => probeAlert({ probe, alertname, status: 'resolved', reason, responseMs, now }));
    if (step.fire) alerts.push(probeAlert({ probe, alertname: step.fire, status: 'firing', reason, responseMs, now }));
    await ingest({ source: current, alerts });
  }

  /**
   * Records one check, steps the state under the row lock, then raises or resolves its alert.
   * `alsoInTransaction` commits with the result (the audit row of a person's 立即探测).
   */
  async function record(probeId: string, observation: CheckObservation, now: Date, alsoInTransaction?: (tx: Executor, result: AlertProbeResultRow) => Promise<unknown>) {
    const saved = await db.transaction(async (tx) => {
      const probe = await repo.lockProbe(probeId, tx);
      if (!probe) return null;
      const { outcome, reason } = outcomeOf({ observation, expected: expectedRangesOf(probe), slowMs: probe.slowMs });
      // A disabled probe run by hand records its result but raises nothing: its alert was resolved when it was disabled.
      const step: ProbeStep = probe.enabled ? stepProbeState({ state: probe, outcome, failuresToAlert: probe.failuresToAlert }) : { next: probe, fire: null, resolve: [] };
      const result = await repo.insertResult({ probeId, at: now, outcome, responseMs: observation.responseMs, statusCode: observation.statusCode, error: outcome === 'up' ? null : reason }, tx);
      const updated = await repo.updateProbe(probeId, { lastCheckedAt: now, lastOutcome: outcome, lastResponseMs: observation.responseMs, lastError: outcome === 'down' ? reason : null, consecutiveFailures: step.next.consecutiveFailures, consecutiveSlow: step.next.consecutiveSlow, alertState: step.next.alertState }, tx);
      await alsoInTransaction?.(tx, result);
      return { result, probe: updated!, step, before: probe.alertState, reason, outcome };
    });
    if (!saved) return null;
    onCheck(saved.probe.kind, saved.outcome);
    try {
      await sendAlerts(saved.probe, saved.step, { reason: saved.reason, responseMs: observation.responseMs, now });
    } catch (error) {
      // Put the old state back so the next check tries the same transition again.
      log.error({ err: error, probeId }, 'Probe alert could not be ingested');
      await repo.updateProbe(probeId, { alertState: saved.before }, db);
    }
    return { result: saved.result, probe: saved.probe };
  }

  const check = (probe: AlertProbeRow) => runner({ kind: probe.kind, target: probe.target, method: probe.method, timeoutMs: probe.timeoutMs });

  const availabilitySince = () => repo.availabilitySince(new Date(clock().getTime() - dayMs));
  const withAvailability = async (row: AlertProbeRow) => toProbe(row, (await availabilitySince()).get(row.id) ?? null);

  async function requireProbe(id: string): Promise<AlertProbeRow> {
    const row = await repo.findProbe(id);
    if (!row) throw probeNotFound(id);
    return row;
  }

  /** Resolves whatever a probe has open (deleted or disabled: nobody would ever resolve it otherwise). */
  async function resolveOpen(probe: AlertProbeRow, reason: string) {
    if (probe.alertState === 'ok') return;
    await sendAlerts(probe, { fire: null, resolve: [probe.alertState === 'down' ? 'ProbeDown' : 'ProbeSlow'] }, { reason, responseMs: null, now: clock() });
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
    async runDue(): Promise<{ checked: number; pruned: number }> {
      const claimed = await repo.claimDue(clock(), settings.claimLimit);
      let checked = 0;
      await inPool(claimed, settings.concurrency, async (probe) => {
        try {
          const observation = await check(probe);
          if (await record(probe.id, observation, clock())) checked += 1;
        } catch (error) {
          log.error({ err: error, probeId: probe.id }, 'Probe check could not be recorded');
        }
      });
      const pruned = await repo.pruneResults(new Date(clock().getTime() - settings.retentionDays * dayMs), settings.pruneLimit);
      return { checked, pruned };
    },
  };
}

export type ProbesService = ReturnType<typeof createProbesService>;
