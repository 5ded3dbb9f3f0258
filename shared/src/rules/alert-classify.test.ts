import { describe, expect, it } from 'vitest';
import { type AlertRule, classifyAlert, defaultLevelFor, growthRaise, raiseLevel } from './alert-classify';

const rules: AlertRule[] = [
  { name: 'erp-down', matchers: [{ name: 'service', op: '=', value: 'erp' }, { name: 'alertname', op: '=~', value: 'Erp.*Down' }], level: 1, groupId: 'cidERP', escalationPolicyId: 'p-erp', onCallScheduleId: 's-erp' },
  { name: 'not-prod', matchers: [{ name: 'env', op: '!=', value: 'prod' }], level: 3 },
  { name: 'disk', matchers: [{ name: 'alertname', op: '!~', value: 'Erp.*' }, { name: 'severity', op: '=', value: 'critical' }], level: 2 },
];

describe('alert classification (rule F2, DESIGN.md "Alert levels")', () => {
  it.each([
    ['critical', 1],
    ['page', 1],
    ['Disaster', 1],
    ['warning', 2],
    ['major', 2],
    ['high', 2],
    ['info', 3],
    ['minor', 3],
    ['low', 3],
    ['whatever', 2],
    [undefined, 2],
  ] as const)('F2: severity %s defaults to level %i', (severity, level) => {
    expect(defaultLevelFor(severity)).toBe(level);
  });

  it.each([
    { labels: { service: 'erp', alertname: 'ErpDbDown', env: 'prod' }, level: 1, rule: 'erp-down', reason: '一级：规则 erp-down 命中', groupId: 'cidERP' },
    { labels: { service: 'erp', alertname: 'ErpDbDown', env: 'test' }, level: 1, rule: 'erp-down', reason: '一级：规则 erp-down 命中', groupId: 'cidERP' },
    { labels: { service: 'oa', alertname: 'DiskFull', env: 'test', severity: 'critical' }, level: 3, rule: 'not-prod', reason: '三级：规则 not-prod 命中', groupId: null },
    { labels: { service: 'oa', alertname: 'DiskFull', env: 'prod', severity: 'critical' }, level: 2, rule: 'disk', reason: '二级：规则 disk 命中', groupId: null },
    { labels: { service: 'erp', alertname: 'ErpSlow', env: 'prod', severity: 'critical' }, level: 1, rule: null, reason: '默认：severity=critical', groupId: null },
    { labels: { env: 'prod' }, level: 2, rule: null, reason: '默认：无 severity 标签', groupId: null },
  ])('F2: first matching rule wins — $labels → $rule', ({ labels, level, rule, reason, groupId }) => {
    const result = classifyAlert({ labels: labels as Record<string, string>, rules });
    expect(result).toMatchObject({ level, ruleName: rule, reason, route: { groupId } });
  });

  it('a rule carries its route: group, escalation policy and on-call schedule', () => {
    expect(classifyAlert({ labels: { service: 'erp', alertname: 'ErpApiDown', env: 'prod' }, rules }).route).toEqual({ groupId: 'cidERP', escalationPolicyId: 'p-erp', onCallScheduleId: 's-erp' });
  });

  it('escalating raises a level by one and stops at level 1', () => {
    expect([raiseLevel(3), raiseLevel(2), raiseLevel(1)]).toEqual([2, 1, 1]);
  });

  it('a growing group climbs one level once its rule threshold of firing alerts is reached, and only once', () => {
    const rule = { name: 'erp-hosts', matchers: [], level: 2 as const, raiseAtFiring: 5 };
    expect(growthRaise({ level: 2, firingCount: 4, alreadyRaised: false, rule })).toBeNull();
    expect(growthRaise({ level: 2, firingCount: 5, alreadyRaised: false, rule })).toEqual({ level: 1, reason: '一级：同组 5 条告警触发中（≥ 5），按规则 erp-hosts 由二级自动升级' });
    expect(growthRaise({ level: 3, firingCount: 9, alreadyRaised: false, rule })?.level).toBe(2);
    expect(growthRaise({ level: 2, firingCount: 9, alreadyRaised: true, rule })).toBeNull();
    expect(growthRaise({ level: 1, firingCount: 9, alreadyRaised: false, rule })).toBeNull();
    expect(growthRaise({ level: 2, firingCount: 9, alreadyRaised: false, rule: { ...rule, raiseAtFiring: null } })).toBeNull();
    expect(growthRaise({ level: 2, firingCount: 9, alreadyRaised: false, rule: undefined })).toBeNull();
  });
});
