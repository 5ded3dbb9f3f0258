import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { buildTestApp, type TestApp } from '../../support/test-app';
import { cardOf, createSource, erpDown, post, type SandboxCardView, type TestAlert } from './alerts-fixture';

const warning = (name: string, instance = 'app1'): TestAlert => ({ labels: { alertname: name, service: 'oa', instance, severity: 'warning' } });
const names = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`);

interface GroupView {
  id: string;
  title: string;
  level: number;
  status: string;
  alertCount: number;
  folded: boolean;
}

async function allGroups(t: TestApp, headers: Record<string, string>): Promise<GroupView[]> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups?limit=100', headers });
  return (response.json() as { items: GroupView[] }).items;
}

/** The cards the IT ops group received, by outTrackId. */
async function itCards(t: TestApp): Promise<string[]> {
  const { items } = await t.sandboxApi<{ items: { kind: string; outTrackId?: string }[] }>(`/conversations/${encodeURIComponent(demoGroupIds['it-oncall'])}/messages`);
  return items.filter((item) => item.kind === 'card').map((item) => item.outTrackId ?? '');
}

const stormCards = async (t: TestApp) => (await itCards(t)).filter((id) => id.startsWith('alert-storm-'));
const groupCards = async (t: TestApp) => (await itCards(t)).filter((id) => id.startsWith('alert-group-'));
const summaryOf = (t: TestApp, outTrackId: string) => t.sandboxApi<SandboxCardView>(`/cards/${outTrackId}`);

async function flush(t: TestApp) {
  await t.app.scheduler.runNow('alerts.flush_cards');
  await t.drainOutbox();
}

describe('alert storms: new level-2 groups past a chat\'s per-minute allowance fold into one summary card', { timeout: 60_000 }, () => {
  it('8 new level-2 groups → 3 cards and 1 summary listing the other 5; level 1 still gets its own card at once; resolving a folded group updates the summary after the flush job', async () => {
    const t = await buildTestApp({ ALERTS_STORM_CARDS_PER_MINUTE: '3', ALERTS_GROUP_WAIT_SECONDS: '30', ALERTS_GROUP_INTERVAL_SECONDS: '60' });
    const source = await createSource(t);
    const titles = names(8, 'OaSlow');
    await post(t, source.token, titles.map((name) => warning(name)));
    await t.drainOutbox();
    expect(await itCards(t)).toEqual([]);

    // The group wait passes: the flush job sends three cards, then folds.
    t.clock.advance(31_000);
    await flush(t);
    const groups = await allGroups(t, source.admin.headers);
    expect(groups).toHaveLength(8);
    expect(groups.reduce((sum, group) => sum + group.alertCount, 0)).toBe(8);
    const folded = groups.filter((group) => group.folded);
    expect(folded).toHaveLength(5);
    expect(await groupCards(t)).toHaveLength(3);
    const [stormId, ...more] = await stormCards(t);
    expect(more).toEqual([]);
    const summary = await summaryOf(t, stormId!);
    expect(summary.deliveries[0]?.spaceId).toBe(demoGroupIds['it-oncall']);
    expect(summary.cardParamMap.title).toBe('告警风暴：已合并 5 组告警');
    for (const group of folded) expect(summary.cardParamMap.markdown).toContain(`[${group.title}]`);
    expect(summary.cardParamMap.fields).toContain('触发中 5 组 · 已恢复 0 组');
    expect(summary.cardParamMap.markdown).toContain('/alerts)');
    for (const group of folded) expect(await cardOf(t, group.id)).toBeNull();
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${folded[0]!.id}`, headers: source.admin.headers })).json() as { timeline: { kind: string }[] };
    expect(detail.timeline.map((event) => event.kind)).toContain('folded');

    // Level 1 is never folded: its card goes out at once, in the same storm minute.
    await post(t, source.token, [erpDown('db1')]);
    await t.drainOutbox();
    const critical = (await allGroups(t, source.admin.headers)).find((group) => group.level === 1)!;
    expect(critical.folded).toBe(false);
    expect((await cardOf(t, critical.id))?.cardParamMap.title).toBe('[一级] ErpDatabaseDown');

    // A folded group resolves: the summary changes at the next flush past the group interval.
    const resolvedTitle = folded[0]!.title;
    await post(t, source.token, [{ ...warning(resolvedTitle), status: 'resolved' }]);
    await t.drainOutbox();
    await flush(t);
    expect((await summaryOf(t, stormId!)).updates).toHaveLength(0);
    t.clock.advance(61_000);
    await flush(t);
    const updated = await summaryOf(t, stormId!);
    expect(updated.updates).toHaveLength(1);
    expect(updated.cardParamMap.fields).toContain('触发中 4 组 · 已恢复 1 组');
    expect(updated.cardParamMap.markdown).not.toContain(`[${resolvedTitle}]`);
    // Nothing new: no further update.
    t.clock.advance(61_000);
    await flush(t);
    expect((await summaryOf(t, stormId!)).updates).toHaveLength(1);
    expect(await stormCards(t)).toEqual([stormId]);
  });

  it('folds at ingest too (no group wait), across requests; the storm ends after 10 quiet minutes and the next fold starts a new summary', async () => {
    const t = await buildTestApp({ ALERTS_STORM_CARDS_PER_MINUTE: '3', ALERTS_GROUP_WAIT_SECONDS: '0', ALERTS_GROUP_INTERVAL_SECONDS: '60' });
    const source = await createSource(t);
    await post(t, source.token, names(4, 'FirstWave').map((name) => warning(name)));
    await t.drainOutbox();
    expect(await groupCards(t)).toHaveLength(3);
    const [first] = await stormCards(t);
    expect((await summaryOf(t, first!)).cardParamMap.title).toBe('告警风暴：已合并 1 组告警');

    // A later request in the same minute: the three cards already sent count, so both fold.
    t.clock.advance(10_000);
    await post(t, source.token, names(2, 'SecondWave').map((name) => warning(name)));
    await t.drainOutbox();
    expect(await groupCards(t)).toHaveLength(3);
    expect(await stormCards(t)).toEqual([first]);
    t.clock.advance(60_000);
    await flush(t);
    expect((await summaryOf(t, first!)).cardParamMap.title).toBe('告警风暴：已合并 3 组告警');

    // Quiet for 10 minutes: the storm is over; cards flow again, and the next storm has its own summary.
    t.clock.advance(10 * 60_000);
    await post(t, source.token, names(4, 'ThirdWave').map((name) => warning(name)));
    await t.drainOutbox();
    expect(await groupCards(t)).toHaveLength(6);
    const storms = await stormCards(t);
    expect(storms).toHaveLength(2);
    expect((await summaryOf(t, storms[1]!)).cardParamMap.title).toBe('告警风暴：已合并 1 组告警');
    const groups = await allGroups(t, source.admin.headers);
    expect(groups).toHaveLength(10);
    expect(groups.filter((group) => group.folded)).toHaveLength(4);
  });
});
