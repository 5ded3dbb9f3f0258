import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../support/test-app';
import { cardOf, createSource, groupsOf, post } from './alerts-fixture';

const hostDown = (instance: string) => ({ labels: { alertname: 'HostDown', service: 'erp', instance, severity: 'warning' }, annotations: { summary: `ERP 主机 ${instance} 无响应` } });

describe('a growing group is raised a level by rule (rule F2)', { timeout: 90_000 }, () => {
  it('level 2 until the rule threshold of firing hosts, then level 1 once: the card says why, the on-call is @-ed and escalation starts from the raise', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const rules = { rules: [{ name: 'erp-hosts', matchers: [{ name: 'service', op: '=', value: 'erp' }], level: 2, raiseAtFiring: 3 }] };
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/alerts/rules', headers: source.admin.headers, payload: rules });
    expect(saved.json()).toEqual(rules);
    const tooLow = await t.app.inject({ method: 'PUT', url: '/api/v1/alerts/rules', headers: source.admin.headers, payload: { rules: [{ ...rules.rules[0], raiseAtFiring: 1 }] } });
    expect(tooLow.statusCode).toBe(400);

    await post(t, source.token, [hostDown('erp-1'), hostDown('erp-2')]);
    let [group] = await groupsOf(t, source.admin.headers);
    expect(group).toMatchObject({ level: 2, firingCount: 2, levelReason: '二级：规则 erp-hosts 命中' });

    t.clock.advance(10 * 60_000);
    await post(t, source.token, [hostDown('erp-3')]);
    await t.drainOutbox();
    [group] = await groupsOf(t, source.admin.headers);
    expect(group).toMatchObject({ level: 1, firingCount: 3, levelReason: '一级：同组 3 条告警触发中（≥ 3），按规则 erp-hosts 由二级自动升级' });
    // Escalation counts from the raise: only the first step (page the on-call) is due, not the whole policy.
    expect(group!.escalationStepsDone).toEqual([0]);
    const card = await cardOf(t, group!.id);
    expect(card?.cardParamMap.title).toBe('[一级] HostDown');
    expect(card?.cardParamMap.fields).toContain('自动升级');
    expect(card?.deliveries[0]?.atNames.length).toBeGreaterThan(0);

    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${group!.id}`, headers: source.admin.headers })).json();
    expect(detail.growthRaisedAt).not.toBeNull();
    expect(detail.timeline.filter((event: { kind: string }) => event.kind === 'raised')).toHaveLength(1);

    // More hosts later do not raise it again (level 1 is the top), and resolving some keeps the level.
    await post(t, source.token, [hostDown('erp-4'), { ...hostDown('erp-1'), status: 'resolved' as const }]);
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${group!.id}`, headers: source.admin.headers })).json();
    expect(after).toMatchObject({ level: 1, firingCount: 3 });
    expect(after.timeline.filter((event: { kind: string }) => event.kind === 'raised')).toHaveLength(1);
  });
});
