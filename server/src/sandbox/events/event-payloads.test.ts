import { describe, expect, it } from 'vitest';
import { httpEventBody } from './event-payloads';
import { overallStatus } from './event-records';

describe('event payload shapes', () => {
  it('a contact event gets a PascalCase HTTP body with EventType and CorpId', () => {
    const body = httpEventBody({ eventType: 'user_add_org', corpId: 'dingcorp', data: { userId: ['u1'], optStaffId: 'admin', timeStamp: '1' } });

    expect(body).toEqual({ EventType: 'user_add_org', CorpId: 'dingcorp', UserId: ['u1'], OptStaffId: 'admin', TimeStamp: '1' });
  });

  it('an approval event keeps its camelCase fields and its own lower-case corpId', () => {
    const body = httpEventBody({ eventType: 'bpms_task_change', corpId: 'dingcorp', data: { processInstanceId: 'p', corpId: 'dingcorp', type: 'finish' } });

    expect(body).toEqual({ EventType: 'bpms_task_change', processInstanceId: 'p', corpId: 'dingcorp', type: 'finish' });
  });
});

describe('delivery status across transports', () => {
  it('is acked only when every transport acked, and pending while any still waits', () => {
    expect(overallStatus({ transports: ['stream', 'http'], delivery: { stream: 'acked', http: 'acked' } })).toBe('acked');
    expect(overallStatus({ transports: ['stream', 'http'], delivery: { stream: 'acked', http: 'pending' } })).toBe('pending');
    expect(overallStatus({ transports: ['stream', 'http'], delivery: { stream: 'delivered', http: 'failed' } })).toBe('delivered');
    expect(overallStatus({ transports: ['stream', 'http'], delivery: { stream: 'acked', http: 'failed' } })).toBe('failed');
    expect(overallStatus({ transports: ['stream'], delivery: {} })).toBe('pending');
  });
});
