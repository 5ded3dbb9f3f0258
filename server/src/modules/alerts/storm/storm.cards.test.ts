import { describe, expect, it } from 'vitest';
import { decodeCardFields } from '../../../dingtalk/cards-convention';
import { jsonBytes, maxRobotBodyBytes } from '../../../dingtalk/message-size';
import { fittedStormCard, stormCardParams } from './storm.cards';
import type { StormSummary } from './storm.repository';

const now = new Date('2026-11-28T08:05:00Z');
const startedAt = new Date('2026-11-28T08:00:00Z');
const options = { startedAt, now, publicUrl: 'https://ops.example.com/' };

describe('storm summary card', () => {
  const summary: StormSummary = {
    counts: [
      { level: 2, resolved: false, groups: 4 },
      { level: 2, resolved: true, groups: 1 },
    ],
    top: [
      { id: 7n, title: 'OaSlow', firingCount: 12 },
      { id: 9n, title: 'MailQueue', firingCount: 3 },
    ],
  };

  it('counts folded groups by level and status, lists the top groups with links, and links the alert list', () => {
    const params = stormCardParams(summary, options);
    expect(params.title).toBe('告警风暴：已合并 5 组告警');
    expect(params.status).toBe('4 组触发中');
    expect(decodeCardFields(params.fields)).toContainEqual({ label: '二级', value: '触发中 4 组 · 已恢复 1 组' });
    expect(params.markdown).toContain('- [OaSlow](https://ops.example.com/alerts/groups/7) · 12 条触发中');
    expect(params.markdown).toContain('另有 2 组仍在触发');
    expect(params.markdown).toContain('(https://ops.example.com/alerts)');
  });

  it('all resolved: green', () => {
    const params = stormCardParams({ counts: [{ level: 2, resolved: true, groups: 3 }], top: [] }, options);
    expect(params).toMatchObject({ status: '全部已恢复（3 组）', statusColor: 'green' });
  });

  it('however many groups, the card stays within DingTalk\'s size limit; the rest are counted', () => {
    const top = Array.from({ length: 100 }, (_, index) => ({ id: BigInt(index + 1), title: `很长的告警名称${'x'.repeat(300)}${index}`, firingCount: 100 - index }));
    const params = fittedStormCard({ counts: [{ level: 2, resolved: false, groups: 100 }], top }, options);
    expect(jsonBytes(params)).toBeLessThanOrEqual(maxRobotBodyBytes);
    expect(params.markdown).toMatch(/另有 \d+ 组仍在触发/);
  });
});
