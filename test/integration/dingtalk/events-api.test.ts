import { afterEach, describe, expect, it } from 'vitest';
import type { StreamTransport } from '../../../server/src/dingtalk/stream';
import type { EventRecord, RunningSandbox } from '../../../server/src/sandbox';
import { sandboxApi, startEventSandbox, streamTransportFor, waitForStatus } from './events-fixture';

describe('The sandbox’s record of what it pushed', () => {
  let sandbox: RunningSandbox | undefined;
  let transport: StreamTransport | undefined;

  afterEach(async () => {
    await transport?.close();
    await sandbox?.close();
    sandbox = undefined;
    transport = undefined;
  });

  it('lists events with both payload shapes, their attempts and status, filtered by type', async () => {
    sandbox = await startEventSandbox();
    transport = streamTransportFor(sandbox);
    await transport.connected();
    const { eventId } = sandbox.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['u1'], timeStamp: '5' } });
    sandbox.state.events.publishEvent({ eventType: 'org_dept_create', data: { deptId: [7] } });
    await waitForStatus(sandbox, eventId, 'acked');

    const listed = await sandboxApi<{ events: EventRecord[] }>(sandbox, 'GET', '/events?eventType=user_add_org');

    expect(listed.body.events).toEqual([
      expect.objectContaining({
        id: eventId,
        kind: 'event',
        eventId,
        eventType: 'user_add_org',
        data: { userId: ['u1'], timeStamp: '5' },
        httpBody: { EventType: 'user_add_org', CorpId: sandbox.state.app.corpId, UserId: ['u1'], TimeStamp: '5' },
        transports: ['stream'],
        status: 'acked',
        attempts: [expect.objectContaining({ transport: 'stream', outcome: 'acked', messageId: expect.any(String), connectionId: expect.any(String) })],
      }),
    ]);
  });

  it('shows the delivery settings and the open Stream connections', async () => {
    sandbox = await startEventSandbox();
    transport = streamTransportFor(sandbox);
    await transport.connected();

    const delivery = await sandboxApi(sandbox, 'GET', '/event-delivery');
    const connections = await sandboxApi<{ connections: unknown[] }>(sandbox, 'GET', '/stream/connections');

    expect(delivery.body).toEqual({ mode: 'stream', callbackUrl: null, robotUrl: null, cardCallbackUrl: null, token: null, aesKey: null });
    expect(connections.body.connections).toEqual([expect.objectContaining({ ua: 'dingtalk-sdk-nodejs/2.1.5', closing: false, awaitingAcks: 0 })]);
  });

  it('an unknown event id is a 404 problem', async () => {
    sandbox = await startEventSandbox();

    const missing = await sandboxApi(sandbox, 'POST', '/events/nope/redeliver');

    expect(missing).toMatchObject({ status: 404, body: { code: 'sandbox.event_not_found' } });
  });
});
