import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { cardCallbackTopic, robotMessageTopic, type StreamEvent, type StreamTransport } from '../../../server/src/dingtalk/stream';
import type { RunningSandbox } from '../../../server/src/sandbox';
import { startEventSandbox, streamTransportFor, waitFor, waitForStatus } from './events-fixture';
import { testApp } from './sandbox-fixture';

const openPath = '/v1.0/gateway/connections/open';

describe('Stream transport against the sandbox gateway', () => {
  let sandbox: RunningSandbox | undefined;
  const transports: StreamTransport[] = [];

  afterEach(async () => {
    await Promise.all(transports.splice(0).map((transport) => transport.close()));
    await sandbox?.close();
    sandbox = undefined;
  });

  function connect(options: Parameters<typeof streamTransportFor>[1] = {}) {
    const transport = streamTransportFor(sandbox!, options);
    transports.push(transport);
    return transport;
  }

  it('an event reaches the handler with its envelope and is ACKed once the handler resolved', async () => {
    sandbox = await startEventSandbox();
    const received: StreamEvent[] = [];
    const transport = connect({ onEvent: async (event) => (received.push(event), 'SUCCESS') });
    await transport.connected();

    const { eventId, bornAt } = sandbox.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['u1'], timeStamp: '1700000000000' } });

    const record = await waitForStatus(sandbox, eventId, 'acked');
    expect(received).toEqual([
      { eventId, eventType: 'user_add_org', corpId: testApp.corpId, bornAt, data: { userId: ['u1'], timeStamp: '1700000000000' }, messageId: expect.any(String) },
    ]);
    expect(eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(record.attempts).toMatchObject([{ transport: 'stream', outcome: 'acked', messageId: received[0]!.messageId }]);
    expect(transport.isConnected()).toBe(true);
  });

  it('an event answered LATER comes again with the same eventId and a new messageId', async () => {
    sandbox = await startEventSandbox();
    const received: StreamEvent[] = [];
    const transport = connect({ onEvent: async (event) => (received.push(event), received.length === 1 ? 'LATER' : 'SUCCESS') });
    await transport.connected();

    const { eventId } = sandbox.state.events.publishEvent({ eventType: 'org_dept_create', data: { deptId: [1] } });

    const record = await waitForStatus(sandbox, eventId, 'acked');
    expect(received.map((event) => event.eventId)).toEqual([eventId, eventId]);
    expect(received[0]!.messageId).not.toBe(received[1]!.messageId);
    expect(record.attempts.map((attempt) => attempt.outcome)).toEqual(['later', 'acked']);
  });

  it('a handler that throws answers LATER and the event is delivered again', async () => {
    sandbox = await startEventSandbox();
    let calls = 0;
    const transport = connect({
      onEvent: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database unavailable');
        return 'SUCCESS';
      },
    });
    await transport.connected();

    const { eventId } = sandbox.state.events.publishEvent({ eventType: 'user_leave_org', data: { userId: ['u2'] } });

    const record = await waitForStatus(sandbox, eventId, 'acked');
    expect(calls).toBe(2);
    expect(record.attempts.map((attempt) => attempt.outcome)).toEqual(['later', 'acked']);
  });

  it('an event without an ACK in time is delivered again with the same eventId', async () => {
    sandbox = await startEventSandbox();
    const seen: string[] = [];
    const transport = connect({
      // The first delivery hangs past the sandbox's (shrunk) ACK timeout.
      onEvent: (event) => (seen.push(event.eventId), seen.length === 1 ? new Promise<'SUCCESS'>(() => undefined) : Promise.resolve('SUCCESS')),
    });
    await transport.connected();

    const { eventId } = sandbox.state.events.publishEvent({ eventType: 'user_modify_org', data: { userId: ['u3'] } });

    const record = await waitForStatus(sandbox, eventId, 'acked');
    expect(seen).toEqual([eventId, eventId]);
    expect(record.attempts.map((attempt) => attempt.outcome)).toEqual(['timeout', 'acked']);
  });

  it('the sandbox API redelivers an acknowledged event with the same eventId', async () => {
    sandbox = await startEventSandbox();
    const seen: string[] = [];
    const transport = connect({ onEvent: async (event) => (seen.push(event.eventId), 'SUCCESS') });
    await transport.connected();
    const { eventId } = sandbox.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['u4'] } });
    await waitForStatus(sandbox, eventId, 'acked');

    const response = await fetch(`${sandbox.url}/sandbox/api/events/${eventId}/redeliver`, { method: 'POST' });

    expect(response.status).toBe(202);
    await waitFor(() => seen.length === 2, { what: 'the redelivery' });
    expect(seen).toEqual([eventId, eventId]);
    await waitFor(() => sandbox!.state.events.get(eventId)?.attempts.every((attempt) => attempt.outcome === 'acked'));
  });

  it('events published while nobody is connected wait and arrive in order on connect', async () => {
    sandbox = await startEventSandbox();
    const first = sandbox.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['a'] } });
    const second = sandbox.state.events.publishEvent({ eventType: 'user_modify_org', data: { userId: ['a'] } });
    expect(sandbox.state.events.get(first.eventId)?.status).toBe('pending');
    const seen: string[] = [];

    connect({ onEvent: async (event) => (seen.push(event.eventId), 'SUCCESS') });

    await waitForStatus(sandbox, second.eventId, 'acked');
    expect(seen).toEqual([first.eventId, second.eventId]);
  });

  it('a card click returns the handler response from the ACK to the publisher', async () => {
    sandbox = await startEventSandbox();
    const update = { cardUpdateOptions: { updateCardDataByKey: true }, cardData: { cardParamMap: { status: 'claimed' } } };
    const callbacks: unknown[] = [];
    const transport = connect({ callbackTopics: [cardCallbackTopic], onCallback: async (callback) => (callbacks.push(callback), update) });
    await transport.connected();
    const click = { type: 'actionCallback', outTrackId: 'alert-1', userId: 'yq-chengang', content: JSON.stringify({ cardPrivateData: { actionIds: ['claim'], params: { action: 'claim' } } }) };

    const response = await sandbox.state.events.publishCallback({ topic: cardCallbackTopic, data: click });

    expect(response).toEqual(update);
    expect(callbacks).toEqual([{ topic: cardCallbackTopic, messageId: expect.any(String), data: click }]);
    const [record] = sandbox.state.events.list({ kind: 'callback' });
    expect(record).toMatchObject({ topic: cardCallbackTopic, status: 'acked', response: update });
  });

  it('a callback on a topic nobody subscribed to resolves null at once', async () => {
    sandbox = await startEventSandbox();
    const transport = connect({ callbackTopics: [cardCallbackTopic] });
    await transport.connected();

    const response = await sandbox.state.events.publishCallback({ topic: robotMessageTopic, data: { msgId: 'm1' } });

    expect(response).toBeNull();
    expect(sandbox.state.events.list({ kind: 'callback' })[0]).toMatchObject({ status: 'failed', attempts: [{ outcome: 'refused' }] });
  });

  it('a failing callback handler answers with an error code and the publisher gets null', async () => {
    sandbox = await startEventSandbox();
    const transport = connect({
      callbackTopics: [cardCallbackTopic],
      onCallback: async () => {
        throw new Error('boom');
      },
    });
    await transport.connected();

    const response = await sandbox.state.events.publishCallback({ topic: cardCallbackTopic, data: { outTrackId: 'x' } });

    expect(response).toBeNull();
    expect(sandbox.state.events.list({ kind: 'callback' })[0]).toMatchObject({ status: 'failed', attempts: [{ outcome: 'error', detail: 'ACK code 500' }] });
  });

  it('wrong credentials are refused with 401 authFailed and the transport never connects', async () => {
    sandbox = await startEventSandbox();

    const response = await fetch(`${sandbox.url}${openPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: testApp.clientId, clientSecret: 'wrong', subscriptions: [{ type: 'EVENT', topic: '*' }] }),
    });
    const transport = connect({ clientSecret: 'wrong' });
    await waitFor(() => sandbox!.state.requests.count('POST', openPath) >= 3, { what: 'a few registration attempts' });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'authFailed', message: '鉴权失败' });
    expect(transport.isConnected()).toBe(false);
    expect(sandbox.state.events.stream.list()).toEqual([]);
  });

  it('a ticket opens one connection only', async () => {
    sandbox = await startEventSandbox();
    const opened = await fetch(`${sandbox.url}${openPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId: testApp.clientId, clientSecret: testApp.clientSecret, subscriptions: [{ type: 'EVENT', topic: '*' }] }),
    });
    const { endpoint, ticket } = (await opened.json()) as { endpoint: string; ticket: string };
    const url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`.replace(/^ws:/, 'http:');
    // A bare WebSocket handshake: 101 opens the socket, anything else is the refusal.
    const handshake = () =>
      new Promise<string>((resolve) => {
        const upgrade = request(url, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
        upgrade.once('upgrade', (_response, socket) => {
          socket.destroy();
          resolve('101');
        });
        upgrade.once('response', (response) => resolve(String(response.statusCode)));
        upgrade.end();
      });

    expect(await handshake()).toBe('101');
    expect(await handshake()).toBe('401');
    expect(endpoint).toBe(`ws://127.0.0.1:${sandbox.port}/connect`);
  });

  it('the gateway pings every connection and the SDK echoes the ping', async () => {
    sandbox = await startEventSandbox();
    const transport = connect();
    await transport.connected();

    const [connection] = await waitFor(() => {
      const list = sandbox!.state.events.stream.list();
      return list[0]?.lastEchoAt ? list : undefined;
    }, { what: 'a ping echo' });

    expect(connection!.lastPingAt).not.toBeNull();
    expect(connection!.ua).toBe('dingtalk-sdk-nodejs/2.1.5');
    expect(connection!.subscriptions).toEqual([{ type: 'EVENT', topic: '*' }]);
  });

  it('after a disconnect notice the client re-registers and events keep arriving', async () => {
    sandbox = await startEventSandbox();
    const seen: string[] = [];
    const transport = connect({ onEvent: async (event) => (seen.push(event.eventId), 'SUCCESS') });
    await transport.connected();
    const [before] = sandbox.state.events.stream.list();

    const response = await fetch(`${sandbox.url}/sandbox/api/stream/disconnect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await response.json()).toEqual({ disconnected: 1 });
    await waitFor(() => {
      const list = sandbox!.state.events.stream.list();
      return list.length === 1 && list[0]!.connectionId !== before!.connectionId;
    }, { what: 'a fresh connection' });
    const { eventId } = sandbox.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['b'] } });

    await waitForStatus(sandbox, eventId, 'acked');
    expect(seen).toEqual([eventId]);
    expect(transport.isConnected()).toBe(true);
  });

  it('a dropped connection is re-opened and the event goes out once the fault is lifted', async () => {
    sandbox = await startEventSandbox();
    const seen: string[] = [];
    const transport = connect({ onEvent: async (event) => (seen.push(event.eventId), 'SUCCESS') });
    await transport.connected();
    sandbox.state.faults.set({ dropConnections: true });

    const { eventId } = sandbox.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['c'] } });
    await waitFor(() => sandbox!.state.events.get(eventId)?.attempts.some((attempt) => attempt.outcome === 'dropped'), { what: 'a dropped delivery' });
    sandbox.state.faults.reset();

    await waitForStatus(sandbox, eventId, 'acked');
    expect(seen).toEqual([eventId]);
  });

  it('a dropConnections fault also closes an idle connection, which comes back once lifted', async () => {
    sandbox = await startEventSandbox();
    const transport = connect();
    await transport.connected();
    const [before] = sandbox.state.events.stream.list();

    sandbox.state.faults.set({ dropConnections: true });
    await waitFor(() => !sandbox!.state.events.stream.list().some((c) => c.connectionId === before!.connectionId), { what: 'the idle connection to drop' });
    sandbox.state.faults.reset();

    await waitFor(() => transport.isConnected() && sandbox!.state.events.stream.list().length === 1, { what: 'a new connection' });
    expect(sandbox.state.events.stream.list()[0]!.connectionId).not.toBe(before!.connectionId);
  });

  it('with two connections each event goes to exactly one of them', async () => {
    sandbox = await startEventSandbox();
    const seenBy = { a: [] as string[], b: [] as string[] };
    const a = connect({ onEvent: async (event) => (seenBy.a.push(event.eventId), 'SUCCESS') });
    const b = connect({ onEvent: async (event) => (seenBy.b.push(event.eventId), 'SUCCESS') });
    await Promise.all([a.connected(), b.connected()]);

    const ids = Array.from({ length: 12 }, (_, n) => sandbox!.state.events.publishEvent({ eventType: 'user_modify_org', data: { userId: [`u${n}`] } }).eventId);

    await Promise.all(ids.map((id) => waitForStatus(sandbox!, id, 'acked')));
    expect([...seenBy.a, ...seenBy.b].sort()).toEqual([...ids].sort());
  });

  it('close stops the transport for good: no reconnect, no open connection', async () => {
    sandbox = await startEventSandbox();
    const transport = streamTransportFor(sandbox);
    await transport.connected();
    const registrations = sandbox.state.requests.count('POST', openPath);

    await transport.close();
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(transport.isConnected()).toBe(false);
    expect(sandbox.state.events.stream.list()).toEqual([]);
    expect(sandbox.state.requests.count('POST', openPath)).toBe(registrations);
  });

  it('closing before the first connection rejects connected() and leaves nothing behind', async () => {
    sandbox = await startEventSandbox();
    const transport = streamTransportFor(sandbox);

    await transport.close();

    await expect(transport.connected()).rejects.toThrow(/closed before it connected/);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sandbox.state.events.stream.list()).toEqual([]);
  });
});
