import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createIngestRepository, type AlertInput, type GroupInput } from '../../../server/src/modules/alerts/ingest/ingest.repository';
import { alerts } from '../../../server/src/modules/alerts/alerts.table';
import { buildTestApp } from '../../support/test-app';
import { createSource, groupsOf } from './alerts-fixture';

// Batches of one source are stored side by side (no group row is locked while storing), so the
// counts must come from what each upsert actually changed, not from a snapshot read before it.

const groupKey = '{alertname="DiskFull",service="erp"}';
const group: GroupInput = {
  groupKey,
  labels: { alertname: 'DiskFull', service: 'erp' },
  title: 'DiskFull',
  summary: '磁盘将满',
  level: 2,
  levelReason: '默认：severity=warning',
  matchedRule: null,
  routeGroupId: null,
  escalationPolicyId: null,
  onCallScheduleId: null,
  muted: [],
};

const alert = (instance: string, status: 'firing' | 'resolved' = 'firing'): AlertInput => ({
  fingerprint: `fp-${instance}`,
  groupKey,
  status,
  labels: { alertname: 'DiskFull', service: 'erp', instance, severity: 'warning' },
  annotations: { summary: '磁盘将满' },
  level: 2,
  silenced: false,
  inhibited: false,
  inhibitionKey: `erp|${instance}`,
  startsAt: '2026-11-28T07:59:00.000Z',
  endsAt: status === 'resolved' ? '2026-11-28T08:00:00.000Z' : null,
  generatorUrl: null,
});

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => `host-${from + index}`);

describe('alert ingest under concurrency', { timeout: 90_000 }, () => {
  it('F2: overlapping batches stored at once (the group created by both) count every alert exactly once; a resend changes nothing', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const repo = createIngestRepository({ db: t.app.deps.database.db });
    const now = t.clock.now();
    const record = (instances: string[]) => repo.recordBatch({ sourceId: source.id, groups: [group], alerts: instances.map((instance) => alert(instance)), now });

    // Both batches carry hosts 0–19; each has ten of its own; both find the group missing.
    await Promise.all([record([...range(0, 20), ...range(20, 30)]), record([...range(0, 20), ...range(30, 40)])]);
    // Stored, not yet grouped: /metrics shows the group-state pass behind; the periodic job catches up.
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toContain('dingops_alert_group_changes_pending 2');
    await t.app.scheduler.runNow('alerts.flush_cards');
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toContain('dingops_alert_group_changes_pending 0');
    const [stored] = await groupsOf(t, source.admin.headers);
    expect(stored).toMatchObject({ alertCount: 40, firingCount: 40, status: 'firing' });

    // Twenty resolve in two overlapping batches; everything is sent again meanwhile.
    await Promise.all([
      repo.recordBatch({ sourceId: source.id, groups: [group], alerts: range(0, 20).map((instance) => alert(instance, 'resolved')), now }),
      repo.recordBatch({ sourceId: source.id, groups: [group], alerts: range(0, 20).map((instance) => alert(instance, 'resolved')), now }),
      record(range(20, 40)),
    ]);
    await t.app.scheduler.runNow('alerts.flush_cards');
    const [after] = await groupsOf(t, source.admin.headers);
    expect(after).toMatchObject({ alertCount: 40, firingCount: 20, status: 'firing' });
  });
  it('F2: in one batch a firing level-1 alert inhibits the level-2 alerts with its equal labels, whichever request brought them', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const repo = createIngestRepository({ db: t.app.deps.database.db });
    const critical: GroupInput = { ...group, groupKey: '{alertname="ErpDown",service="erp"}', labels: { alertname: 'ErpDown', service: 'erp' }, title: 'ErpDown', level: 1, levelReason: '默认：severity=critical' };
    const down: AlertInput = { ...alert('db1'), fingerprint: 'fp-erp-down', groupKey: critical.groupKey, labels: { alertname: 'ErpDown', service: 'erp', instance: 'db1', severity: 'critical' }, level: 1, inhibitionKey: 'erp|db1' };
    await repo.recordBatch({ sourceId: source.id, groups: [critical, group], alerts: [alert('db1'), alert('db2'), down], now: t.clock.now() });
    const rows = await t.app.deps.database.db.select({ fingerprint: alerts.fingerprint, inhibited: alerts.inhibited }).from(alerts).where(eq(alerts.sourceId, source.id));
    // db1's disk alert shares the outage's equal labels; db2's does not.
    expect(Object.fromEntries(rows.map((row) => [row.fingerprint, row.inhibited]))).toEqual({ 'fp-db1': true, 'fp-db2': false, 'fp-erp-down': false });
  });
});
