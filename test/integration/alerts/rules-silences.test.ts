import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf } from '../../support/test-app';
import { cardOf, createSource, erpDown, groupsOf, post } from './alerts-fixture';

describe('classification rules, silences and inhibition', { timeout: 90_000 }, () => {
  it('F2: an admin saves rules; the payload tester shows rule, level, route and group; new alerts follow the rules and the card says why', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const lina = await t.loginAs(demo.itStaff);
    const rules = {
      rules: [
        { name: 'oa-any', matchers: [{ name: 'service', op: '=', value: 'oa' }], level: 1, groupId: demoGroupIds.security },
        { name: 'test-env', matchers: [{ name: 'env', op: '=~', value: 'test|dev' }], level: 3 },
      ],
    };
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/alerts/rules', headers: lina.headers, payload: rules })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/alerts/rules', headers: source.admin.headers, payload: { rules: [{ ...rules.rules[1], matchers: [{ name: 'env', op: '=~', value: '(' }] }] } });
    expect(problemOf(bad).errors?.[0]?.path).toBe('body.rules.0.matchers.0.value');
    const badLevel = await t.app.inject({ method: 'PUT', url: '/api/v1/alerts/rules', headers: source.admin.headers, payload: { rules: [{ ...rules.rules[1], level: 4 }] } });
    expect(problemOf(badLevel).errors?.[0]?.path).toBe('body.rules.0.level');
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/alerts/rules', headers: source.admin.headers, payload: rules })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/alerts/rules', headers: lina.headers })).json().rules).toHaveLength(2);

    const tested = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/rules/test', headers: lina.headers, payload: { labels: { alertname: 'OaDown', service: 'oa', severity: 'info' } } });
    expect(tested.json()).toMatchObject({ level: 1, matchedRule: 'oa-any', reason: '一级：规则 oa-any 命中', route: { groupId: demoGroupIds.security }, groupKey: '{alertname="OaDown",service="oa"}' });
    const draft = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/rules/test', headers: lina.headers, payload: { labels: { service: 'oa', severity: 'info' }, rules: [] } });
    expect(draft.json()).toMatchObject({ level: 3, matchedRule: null, reason: '默认：severity=info' });

    await post(t, source.token, [{ labels: { alertname: 'OaDown', service: 'oa', severity: 'info' } }, { ...erpDown(), labels: { ...erpDown().labels, env: 'test' } }]);
    await t.drainOutbox();
    const groups = await groupsOf(t, source.admin.headers);
    const oa = groups.find((group) => group.levelReason.includes('oa-any'))!;
    expect(oa.level).toBe(1);
    const card = await cardOf(t, oa.id);
    expect(card?.deliveries[0]?.spaceId).toBe(demoGroupIds.security);
    expect(card?.cardParamMap.fields).toContain('一级：规则 oa-any 命中');
    expect(groups.find((group) => group.levelReason.includes('test-env'))?.level).toBe(3);
    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=50', headers: source.admin.headers })).json();
    expect(audit.items.map((entry: { action: string }) => entry.action)).toContain('alerts.rules_updated');
  });

  it('a silence mutes matching alerts (recorded, no card) until it is deleted', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const lina = await t.loginAs(demo.itStaff);
    const zhang = await t.loginAs(demo.employee);
    const body = { matchers: [{ name: 'service', op: '=', value: 'erp' }], endsAt: '2026-11-28T10:00:00Z', reason: '数据库维护窗口' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/alerts/silences', headers: zhang.headers, payload: body })).statusCode).toBe(403);
    const past = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/silences', headers: lina.headers, payload: { ...body, endsAt: '2026-11-28T07:00:00Z' } });
    expect(problemOf(past).errors?.[0]?.path).toBe('body.endsAt');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/silences', headers: lina.headers, payload: body });
    expect(created.statusCode).toBe(201);

    await post(t, source.token, [erpDown('db1')]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, source.admin.headers);
    expect(group).toMatchObject({ suppressed: true, firingCount: 1, escalationStepsDone: [] });
    expect(await cardOf(t, group!.id)).toBeNull();

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/alerts/silences/${created.json().id}`, headers: lina.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/alerts/silences/${created.json().id}`, headers: lina.headers })).statusCode).toBe(404);
    await post(t, source.token, [erpDown('db1')]);
    await t.drainOutbox();
    expect((await groupsOf(t, source.admin.headers))[0]).toMatchObject({ suppressed: false });
    expect(await cardOf(t, group!.id)).not.toBeNull();
  });

  it('inhibition: a firing level-1 alert mutes level-2/3 alerts with the same service and instance, not others', async () => {
    const t = await buildTestApp({ ALERTS_GROUP_WAIT_SECONDS: '0' });
    const source = await createSource(t);
    await post(t, source.token, [erpDown('db1')]);
    await post(t, source.token, [
      { labels: { alertname: 'ErpSlowQueries', service: 'erp', instance: 'db1', severity: 'warning' } },
      { labels: { alertname: 'ErpHighCpu', service: 'erp', instance: 'db9', severity: 'warning' } },
    ]);
    await t.drainOutbox();
    const groups = await groupsOf(t, source.admin.headers);
    const details = await Promise.all(groups.map(async (group) => (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${group.id}`, headers: source.admin.headers })).json() as { id: string; title: string }));
    const slow = details.find((detail) => detail.title === 'ErpSlowQueries')!;
    const cpu = details.find((detail) => detail.title === 'ErpHighCpu')!;
    expect(slow).toMatchObject({ suppressed: true, alerts: [expect.objectContaining({ inhibited: true })] });
    expect(cpu).toMatchObject({ suppressed: false, alerts: [expect.objectContaining({ inhibited: false })] });
    expect(await cardOf(t, slow.id)).toBeNull();
    expect(await cardOf(t, cpu.id)).not.toBeNull();
  });

  it('level 3: no card per group; the digest lists groups opened and resolved since the last one', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    await post(t, source.token, [{ labels: { alertname: 'CertExpiresSoon', service: 'portal', severity: 'info' } }, { labels: { alertname: 'NtpDrift', job: 'node', severity: 'low' } }]);
    await t.drainOutbox();
    const groups = await groupsOf(t, source.admin.headers);
    expect(await cardOf(t, groups[0]!.id)).toBeNull();
    await t.app.scheduler.runNow('alerts.digest');
    await t.drainOutbox();
    const { items } = await t.sandboxApi<{ items: { kind: string; outTrackId?: string; cardParamMap?: Record<string, string> }[] }>(`/conversations/${encodeURIComponent(demoGroupIds['it-oncall'])}/messages`);
    const digests = items.filter((item) => item.kind === 'card' && item.outTrackId?.startsWith('alert-digest-'));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.cardParamMap?.markdown).toContain('CertExpiresSoon');
    expect(digests[0]?.cardParamMap?.markdown).toContain('NtpDrift');

    await t.app.scheduler.runNow('alerts.digest');
    t.clock.advance(60_000);
    await post(t, source.token, [{ status: 'resolved', labels: { alertname: 'NtpDrift', job: 'node', severity: 'low' } }]);
    t.clock.advance(30 * 60_000);
    await t.app.scheduler.runNow('alerts.digest');
    await t.drainOutbox();
    const again = (await t.sandboxApi<{ items: { kind: string; outTrackId?: string; cardParamMap?: Record<string, string> }[] }>(`/conversations/${encodeURIComponent(demoGroupIds['it-oncall'])}/messages`)).items.filter((item) => item.kind === 'card' && item.outTrackId?.startsWith('alert-digest-'));
    expect(again).toHaveLength(2);
    expect(again[1]?.cardParamMap?.markdown).toContain('已恢复（1）');
    expect(again[1]?.cardParamMap?.markdown).not.toContain('CertExpiresSoon');
  });

  it('/metrics is public Prometheus text: ingest counts by kind and level, open groups by level, outbox depth', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    await post(t, source.token, [erpDown('db1'), erpDown('db2'), { labels: { alertname: 'NtpDrift', job: 'node', severity: 'low' } }]);
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('dingops_alerts_ingested_total{source_kind="alertmanager",level="1"} 2');
    expect(response.body).toContain('dingops_alerts_ingested_total{source_kind="alertmanager",level="3"} 1');
    expect(response.body).toContain('dingops_alert_groups_open{level="1"} 1');
    expect(response.body).toContain('dingops_alert_group_changes_pending 0');
    expect(response.body).toMatch(/dingops_outbox_depth\{kind="dingtalk.card_create",status="pending"\} 1/);
    expect(response.body).toContain('dingops_outbox_dead_letters 0');
    await t.drainOutbox();
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/dingops_outbox_delivery_seconds_count\{kind="dingtalk.card_create"\} 1/);
  });
});
