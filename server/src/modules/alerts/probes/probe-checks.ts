import { randomBytes } from 'node:crypto';
import { type CheckObservation, type ProbeAlertName, type ProbeOutcome, type ProbeStep, type StatusRange, outcomeOf, parseExpectedStatus, stepProbeState } from '@dingops/shared/rules/probe-outcome';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../../db/client';
import { type CipherAlgorithm, hashToken } from '../../../platform/crypto/field-cipher';
import type { NormalizedAlert } from '../alerts.normalize';
import type { AlertSourceRow } from '../alerts.table';
import type { ProbesRepository } from './probes.repository';
import type { ProbeRunner } from './probes.runner';
import type { AlertProbeResultRow, AlertProbeRow } from './probes.table';

/** Alerts' ingest, passed in: probe alerts take the same path as webhook alerts. */
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
const dayMs = 86_400_000;

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

/**
 * Checking probes: one check recorded and its state stepped under the row lock, then its alert
 * raised or resolved through ingest; the job that checks the due ones and prunes old results.
 */
export function createProbeChecks({ db, repo, ingest, runner, clock, log, settings, onCheck }: { db: Db; repo: ProbesRepository; ingest: IngestAlerts; runner: ProbeRunner; clock: () => Date; log: FastifyBaseLogger; settings: ProbesSettings; onCheck: (kind: 'http' | 'tcp', outcome: ProbeOutcome) => void }) {
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

  /** Resolves whatever a probe has open (deleted or disabled: nobody would ever resolve it otherwise). */
  async function resolveOpen(probe: AlertProbeRow, reason: string) {
    if (probe.alertState === 'ok') return;
    await sendAlerts(probe, { fire: null, resolve: [probe.alertState === 'down' ? 'ProbeDown' : 'ProbeSlow'] }, { reason, responseMs: null, now: clock() });
  }

  return {
    record,
    check,
    resolveOpen,

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

export type ProbeChecks = ReturnType<typeof createProbeChecks>;
