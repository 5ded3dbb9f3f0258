import type { AlertSourceKind } from '@dingops/shared/alerts';
import { type AlertLevel, type AlertRule, classifyAlert } from '@dingops/shared/rules/alert-classify';
import { groupKeyOf, groupLabelsOf, inhibitionKeyOf } from '@dingops/shared/rules/alert-grouping';
import { matchesAll } from '@dingops/shared/rules/alert-matchers';
import type { NormalizedAlert } from '../alerts.normalize';
import { dedupeByFingerprint } from '../alerts.normalize';
import type { AlertSilenceRow, AlertSourceRow } from '../alerts.table';
import type { MaintenanceMuting } from '../windows/maintenance.service';
import { addToGroup, addWindows, summaryOf } from './group-input';
import { type GroupInput, type IngestRepository, type PreparedAlert, prepareAlert } from './ingest.repository';

export interface IngestMetrics {
  ingested(kind: AlertSourceKind, level: AlertLevel, count: number): void;
}

/** A webhook request classified and in wire form, waiting for its batch (see `prepare`). */
export interface PreparedRequest {
  /** Distinct alerts in the request. */
  accepted: number;
  alerts: PreparedAlert[];
  groups: Map<string, GroupInput>;
  levelCounts: Record<AlertLevel, number>;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const byFingerprint = (a: { fingerprint: string }, b: { fingerprint: string }) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0);

/**
 * Alerts in: classified, checked against silences and maintenance windows, and stored with what
 * changed per group. It only stores; the group-state pass (group-state/) folds the changes into
 * group states, cards and pages afterwards.
 */
export function createIngestService({
  repo,
  rules,
  silences,
  maintenance,
  settings,
  metrics,
  clock,
}: {
  repo: IngestRepository;
  rules: { current(): Promise<AlertRule[]> };
  silences: { current(): Promise<AlertSilenceRow[]> };
  /** Maintenance windows mute matching alerts like silences. */
  maintenance: Pick<MaintenanceMuting, 'mutingWindows'>;
  settings: { groupBy: string[]; inhibitEqual: string[] };
  metrics: IngestMetrics;
  clock: () => Date;
}) {
  /**
   * The ingest pipeline (rules F1, F2), first step: classify a request's alerts, check silences and
   * maintenance windows, work out their groups and put them in wire form. Webhooks do this when
   * the request arrives, while the previous batch is being stored; `storePrepared` then stores
   * many requests in one statement. What changed waits for the group-state pass
   * (group-state/group-state.service.ts) to become group states, cards and pages.
   */
  async function prepare({ alerts: received }: { alerts: NormalizedAlert[] }): Promise<PreparedRequest> {
    const now = clock();
    const list = dedupeByFingerprint(received).sort(byFingerprint);
    const [ruleList, silenceList, inWindow] = await Promise.all([rules.current(), silences.current(), maintenance.mutingWindows(now)]);
    const activeSilences = silenceList.filter((silence) => silence.startsAt <= now && silence.endsAt > now);
    const groups = new Map<string, GroupInput>();
    const levelCounts: Record<AlertLevel, number> = { 1: 0, 2: 0, 3: 0 };
    const alerts = list.map((alert) => {
      const classification = classifyAlert({ labels: alert.labels, rules: ruleList });
      const groupingLabels = groupLabelsOf(alert.labels, settings.groupBy);
      const groupKey = groupKeyOf(groupingLabels);
      const firing = alert.status === 'firing';
      const maintenanceWindow = firing ? inWindow(alert.labels) : null;
      levelCounts[classification.level] += 1;
      const muted = maintenanceWindow ? [{ windowId: maintenanceWindow.id, title: maintenanceWindow.title, occurrenceStartsAt: maintenanceWindow.occurrenceStartsAt.toISOString() }] : [];
      const group = groups.get(groupKey);
      if (group && classification.level >= group.level) {
        // Most alerts join a group another alert of the request already described: no new object.
        group.summary ||= summaryOf(alert.annotations);
        addWindows(group, muted);
      } else {
        addToGroup(groups, {
          groupKey,
          // The owner rides along on the group (escalation pages them) but does not split groups.
          labels: alert.labels.owner ? { ...groupingLabels, owner: alert.labels.owner } : groupingLabels,
          title: alert.labels.alertname ?? alert.annotations.summary ?? alert.annotations.description ?? alert.annotations.message ?? groupKey,
          summary: summaryOf(alert.annotations),
          level: classification.level,
          levelReason: classification.reason,
          matchedRule: classification.ruleName,
          routeGroupId: classification.route.groupId,
          escalationPolicyId: classification.route.escalationPolicyId,
          onCallScheduleId: classification.route.onCallScheduleId,
          muted,
        });
      }
      return prepareAlert({
        fingerprint: alert.fingerprint,
        groupKey,
        status: alert.status,
        labels: alert.labels,
        annotations: alert.annotations,
        level: classification.level,
        silenced: firing && (maintenanceWindow !== null || activeSilences.some((silence) => matchesAll(silence.matchers, alert.labels))),
        inhibitionKey: inhibitionKeyOf(alert.labels, settings.inhibitEqual),
        startsAt: alert.startsAt.toISOString(),
        endsAt: iso(alert.endsAt),
        generatorUrl: alert.generatorUrl,
      });
    });
    return { accepted: alerts.length, alerts, groups, levelCounts };
  }

  /**
   * Second step: stores prepared requests of one source in one statement (nothing is stored unless
   * everything is). Within the batch the last word on an alert wins.
   */
  async function storePrepared({ source, requests }: { source: AlertSourceRow; requests: PreparedRequest[] }): Promise<{ groups: number }> {
    const latest = new Map<string, PreparedAlert>();
    for (const request of requests) for (const alert of request.alerts) latest.set(alert.fingerprint, alert);
    // Fingerprint order: two batches carrying the same alerts lock their rows in the same order.
    const alerts = [...latest.values()].sort(byFingerprint);
    const groups = new Map<string, GroupInput>();
    for (const request of requests) for (const group of request.groups.values()) addToGroup(groups, group);
    const needed = new Set(alerts.map((alert) => alert.groupKey));
    // Key order: batches stored side by side create new groups in the same order (no deadlock).
    const groupList = [...groups.values()].filter((group) => needed.has(group.groupKey)).sort((a, b) => (a.groupKey < b.groupKey ? -1 : a.groupKey > b.groupKey ? 1 : 0));
    const touched = await repo.recordPrepared({ sourceId: source.id, groups: groupList, alerts, now: clock() });
    for (const level of [1, 2, 3] as const) {
      const count = requests.reduce((sum, request) => sum + request.levelCounts[level], 0);
      if (count > 0) metrics.ingested(source.kind, level, count);
    }
    return { groups: touched };
  }

  return {
    prepare,
    storePrepared,
    /** Both steps at once (probes, which post no webhook). */
    async record({ source, alerts: received }: { source: AlertSourceRow; alerts: NormalizedAlert[] }): Promise<{ accepted: number; groups: number }> {
      const prepared = await prepare({ alerts: received });
      const { groups } = await storePrepared({ source, requests: [prepared] });
      return { accepted: prepared.accepted, groups };
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
