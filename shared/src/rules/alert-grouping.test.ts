import { describe, expect, it } from 'vitest';
import { cardUpdateDue, fingerprintOf, groupKeyOf, groupLabelsOf, inhibitionKeyOf, isFlapping, recordFlips } from './alert-grouping';

const settings = { threshold: 3, windowMinutes: 10 };
const now = new Date('2026-11-28T08:00:00Z');

describe('alert identity and grouping (Alertmanager semantics)', () => {
  it('the fingerprint depends on the label set, not its order', () => {
    expect(fingerprintOf({ a: '1', b: '2' })).toBe(fingerprintOf({ b: '2', a: '1' }));
    expect(fingerprintOf({ a: '1', b: '2' })).not.toBe(fingerprintOf({ a: '1', b: '3' }));
    expect(fingerprintOf({ ab: '', c: '' })).not.toBe(fingerprintOf({ a: 'b', c: '' }));
    expect(fingerprintOf({})).toMatch(/^[0-9a-f]{16}$/);
  });

  it('the fingerprint is FNV-1a 64 exactly (fingerprints already stored stay valid)', () => {
    // The textbook BigInt form, kept here as the reference the fast form must equal.
    const reference = (labels: Record<string, string>) => {
      let hash = 0xcbf29ce484222325n;
      const text = Object.keys(labels).sort().map((name) => `${name}\u0000${labels[name]}\u0001`).join('');
      for (let i = 0; i < text.length; i += 1) hash = ((hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
      return hash.toString(16).padStart(16, '0');
    };
    expect(fingerprintOf({})).toBe('cbf29ce484222325');
    const samples: Record<string, string>[] = [{ alertname: 'ErpDatabaseDown', service: 'erp', instance: 'db1:9100', severity: 'critical' }, { 主机: '机房一号', 服务: '考勤' }, { a: '\uffff'.repeat(50) }];
    for (let seed = 0; seed < 200; seed += 1) samples.push({ alertname: `A${seed * 7919}`, instance: `host-${(seed * 104729) % 997}`, z: String.fromCharCode(32 + (seed % 90)).repeat(seed % 13) });
    for (const labels of samples) expect(fingerprintOf(labels)).toBe(reference(labels));
  });

  it('group-by takes alertname and service, or job where there is no service', () => {
    const groupBy = ['alertname', 'service|job'];
    expect(groupLabelsOf({ alertname: 'Down', service: 'erp', job: 'node', instance: 'a' }, groupBy)).toEqual({ alertname: 'Down', service: 'erp' });
    expect(groupLabelsOf({ alertname: 'Down', job: 'node', instance: 'a' }, groupBy)).toEqual({ alertname: 'Down', job: 'node' });
    expect(groupKeyOf(groupLabelsOf({ alertname: 'Down', job: 'node', instance: 'a' }, groupBy))).toBe(groupKeyOf(groupLabelsOf({ alertname: 'Down', job: 'node', instance: 'b' }, groupBy)));
    expect(groupKeyOf({})).toBe('{}');
    expect(groupKeyOf({ b: '2', a: '1' })).toBe('{a="1",b="2"}');
  });

  it('flapping: more than N changes inside M minutes; old changes age out', () => {
    let flips = recordFlips({ flips: [], changes: 3, now, settings });
    expect(isFlapping({ flips, now, settings })).toBe(false);
    flips = recordFlips({ flips, changes: 1, now, settings });
    expect(isFlapping({ flips, now, settings })).toBe(true);
    const later = new Date(now.getTime() + 11 * 60_000);
    expect(isFlapping({ flips, now: later, settings })).toBe(false);
    expect(recordFlips({ flips, changes: 1, now: later, settings })).toEqual([later.getTime()]);
  });

  it('inhibition keys compare the equal labels; an alert with none of them is never inhibited', () => {
    expect(inhibitionKeyOf({ service: 'erp', instance: 'db1' }, ['service', 'instance'])).toBe(inhibitionKeyOf({ instance: 'db1', service: 'erp', x: 'y' }, ['service', 'instance']));
    expect(inhibitionKeyOf({ service: 'erp' }, ['service', 'instance'])).not.toBe(inhibitionKeyOf({ service: 'erp', instance: 'db1' }, ['service', 'instance']));
    expect(inhibitionKeyOf({ alertname: 'x' }, ['service', 'instance'])).toBeNull();
  });

  it('card updates are damped: status changes go at once, others once per interval, flapping groups rarer', () => {
    const base = { now, intervalSeconds: 60, flapDampSeconds: 600, flapping: false };
    expect(cardUpdateDue({ ...base, statusChanged: false, lastUpdateAt: null })).toBe(true);
    expect(cardUpdateDue({ ...base, statusChanged: true, lastUpdateAt: now })).toBe(true);
    expect(cardUpdateDue({ ...base, statusChanged: false, lastUpdateAt: new Date(now.getTime() - 30_000) })).toBe(false);
    expect(cardUpdateDue({ ...base, statusChanged: false, lastUpdateAt: new Date(now.getTime() - 61_000) })).toBe(true);
    expect(cardUpdateDue({ ...base, flapping: true, statusChanged: true, lastUpdateAt: new Date(now.getTime() - 61_000) })).toBe(false);
  });
});
