import { Counter, Gauge, type Registry } from 'prom-client';
import type { GroupStateRepository } from './group-state/group-state.repository';
import type { GroupsRepository } from './groups/groups.repository';

/** The module's /metrics: alerts in, escalations out, open groups, and how far the group-state pass is behind. */
export function createAlertMetrics({ registry, groups, groupState, clock }: { registry: Registry; groups: Pick<GroupsRepository, 'openGroupStates'>; groupState: Pick<GroupStateRepository, 'pendingGroupChanges'>; clock: () => Date }) {
  const ingested = new Counter({ name: 'dingops_alerts_ingested_total', help: 'Alerts received, by source kind and level.', labelNames: ['source_kind', 'level'], registers: [registry] });
  const escalations = new Counter({ name: 'dingops_alert_escalations_total', help: 'Escalation notifications sent, by target.', labelNames: ['target'], registers: [registry] });

  new Gauge({
    name: 'dingops_alert_groups_open',
    help: 'Alert groups not yet resolved, by level.',
    labelNames: ['level'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const level of [1, 2, 3]) this.set({ level: String(level) }, 0);
      for (const row of await groups.openGroupStates()) this.set({ level: String(row.level) }, row.unacknowledged + row.silenced + row.acknowledged);
    },
  });

  // Self-monitoring of the two-step ingest: batches stored but not yet folded into their groups.
  const pendingChanges = () => groupState.pendingGroupChanges(clock());
  new Gauge({
    name: 'dingops_alert_group_changes_pending',
    help: 'Stored alert batches (per group) the group-state pass has not folded in yet.',
    registers: [registry],
    async collect() {
      this.set((await pendingChanges()).pending);
    },
  });
  new Gauge({
    name: 'dingops_alert_group_changes_oldest_seconds',
    help: 'Age of the oldest change waiting for the group-state pass (0 when none wait).',
    registers: [registry],
    async collect() {
      this.set(Math.max(0, (await pendingChanges()).oldestSeconds));
    },
  });

  return {
    ingested: (kind: string, level: number, count: number) => ingested.inc({ source_kind: kind, level: String(level) }, count),
    escalation: (target: string) => escalations.inc({ target }),
  };
}
