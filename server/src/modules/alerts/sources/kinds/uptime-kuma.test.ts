import { uptimeKumaPayloadSchema } from '@dingops/shared/alerts';
import { describe, expect, it } from 'vitest';
import { kumaMonitor, uptimeKumaPayload, uptimeKumaTestPayload } from '../../../../../../test/support/uptime-kuma-payload';
import { fromUptimeKuma } from './uptime-kuma';

const now = new Date('2026-11-28T08:00:00.000Z');
/** As the webhook route hands it over: validated by the payload schema first. */
const normalized = (body: unknown) => fromUptimeKuma(uptimeKumaPayloadSchema.parse(body), now);
const down = uptimeKumaPayload({ status: 0, msg: 'connect ECONNREFUSED 10.0.8.21:443' });
const up = uptimeKumaPayload({ status: 1, msg: '200 - OK', time: '2026-11-28 08:04:30.500' });

describe('Uptime Kuma webhook → alerts', () => {
  it('F1: a "down" notification is one firing alert named after the monitor, its tags with values as labels', () => {
    const [alert, ...rest] = normalized(down);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ status: 'firing', startsAt: new Date('2026-11-28T07:59:00.123Z'), endsAt: null, generatorUrl: null });
    expect(alert!.labels).toEqual({ alertname: 'ERP 门户', monitor_id: '7', monitor_type: 'http', instance: 'erp.example.com', service: 'erp', severity: 'critical' });
    expect(alert!.annotations).toEqual({ summary: 'connect ECONNREFUSED 10.0.8.21:443', url: 'https://erp.example.com/health', tags: '生产' });
  });

  it('the "up" after it is the same alert (fingerprint per monitor), resolved at the heartbeat time, even after a rename', () => {
    const [firing] = normalized(down);
    const [resolved] = normalized(uptimeKumaPayload({ status: 1, msg: '200 - OK', time: '2026-11-28 08:04:30.500' }, kumaMonitor({ name: 'ERP 门户（新）' })));
    expect(resolved!.fingerprint).toBe(firing!.fingerprint);
    expect(resolved).toMatchObject({ status: 'resolved', startsAt: new Date('2026-11-28T08:04:30.500Z'), endsAt: new Date('2026-11-28T08:04:30.500Z') });
    expect(normalized(up)[0]!.annotations.summary).toBe('200 - OK');
    expect(normalized(uptimeKumaPayload({ status: 0, msg: 'x' }, kumaMonitor({ id: 8 })))[0]!.fingerprint).not.toBe(firing!.fingerprint);
  });

  it('the level comes from a severity tag like any label; without one the monitor gets no severity (the default level)', () => {
    const untagged = normalized(uptimeKumaPayload({ status: 0, msg: 'timeout' }, kumaMonitor({ tags: [] })))[0]!;
    expect(untagged.labels.severity).toBeUndefined();
    expect(untagged.annotations.tags).toBeUndefined();
  });

  it('the Test button, a pending (retrying) and a maintenance heartbeat carry no alert', () => {
    expect(normalized(uptimeKumaTestPayload)).toEqual([]);
    expect(normalized(uptimeKumaPayload({ status: 2, msg: 'timeout, retrying' }))).toEqual([]);
    expect(normalized(uptimeKumaPayload({ status: 3, msg: 'in maintenance' }))).toEqual([]);
  });

  it('missing fields: no time → now, no URL or hostname → no instance, a ping monitor → its hostname, the top-level line when the heartbeat has no msg', () => {
    const bare = normalized({ heartbeat: { status: 0 }, monitor: { id: 9, name: 'NAS' }, msg: '[NAS] [🔴 Down] ' })[0]!;
    expect(bare).toMatchObject({ status: 'firing', startsAt: now, labels: { alertname: 'NAS', monitor_id: '9' }, annotations: { summary: '[NAS] [🔴 Down] ' } });
    const ping = normalized(uptimeKumaPayload({ status: 0, msg: 'timeout' }, kumaMonitor({ type: 'port', url: 'https://', hostname: 'nas-01.corp', port: 445, tags: [] })))[0]!;
    expect(ping.labels).toMatchObject({ monitor_type: 'port', instance: 'nas-01.corp:445' });
    expect(ping.annotations.url).toBeUndefined();
  });

  it('an ISO time with a zone is read as written; an unreadable one is now', () => {
    expect(normalized(uptimeKumaPayload({ status: 0, msg: 'x', time: '2026-11-28T15:59:00+08:00' }))[0]!.startsAt).toEqual(new Date('2026-11-28T07:59:00Z'));
    expect(normalized(uptimeKumaPayload({ status: 0, msg: 'x', time: 'yesterday' }))[0]!.startsAt).toEqual(now);
  });

  it('a long message is cut by characters, never halving an emoji', () => {
    const summary = normalized(uptimeKumaPayload({ status: 0, msg: '🔥'.repeat(1500) }))[0]!.annotations.summary!;
    expect([...summary]).toHaveLength(1000);
    expect(summary).toBe('🔥'.repeat(1000));
  });

  it('the schema refuses a heartbeat without a status and a monitor without an id', () => {
    expect(uptimeKumaPayloadSchema.safeParse({ heartbeat: { msg: 'x' }, monitor: kumaMonitor(), msg: 'x' }).success).toBe(false);
    expect(uptimeKumaPayloadSchema.safeParse({ heartbeat: { status: 0 }, monitor: { name: 'x' }, msg: 'x' }).success).toBe(false);
  });
});
