import { afterEach, describe, expect, it } from 'vitest';
import { cardCallbackTopic, robotMessageTopic } from '../../../server/src/dingtalk/stream';
import { demoGroupIds, demoUserIds, type RunningSandbox } from '../../../server/src/sandbox';
import { callbackSecrets, startCallbackReceiver, type CallbackReceiver } from './callback-receiver';
import { sandboxApi, startEventSandbox, waitFor, waitForStatus } from './events-fixture';
import { testApp } from './sandbox-fixture';

describe('HTTP callback delivery from the sandbox', () => {
  let sandbox: RunningSandbox | undefined;
  let receiver: CallbackReceiver | undefined;

  afterEach(async () => {
    await sandbox?.close();
    await receiver?.close();
    sandbox = undefined;
    receiver = undefined;
  });

  /** Receiver up, sandbox in HTTP mode pointing at it; `overrides` may name more receiver URLs. */
  async function httpMode(overrides: (receiverUrl: string) => Record<string, unknown> = () => ({})) {
    receiver = await startCallbackReceiver();
    sandbox = await startEventSandbox();
    return sandboxApi(sandbox, 'PUT', '/event-delivery', { mode: 'http', callbackUrl: `${receiver.url}/dingtalk/callback`, ...callbackSecrets, ...overrides(receiver.url) });
  }

  it('saving a callback URL first pushes an encrypted check_url that the receiver answers', async () => {
    const saved = await httpMode();

    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ mode: 'http', callbackUrl: `${receiver!.url}/dingtalk/callback` });
    expect(receiver!.events.map((push) => push.plain)).toEqual([{ EventType: 'check_url' }]);
    expect(receiver!.events[0]!.query).toEqual({ msg_signature: expect.stringMatching(/^[0-9a-f]{40}$/), timestamp: expect.stringMatching(/^\d{13}$/), nonce: expect.any(String) });
  });

  it('a callback URL that does not answer the sealed success is refused', async () => {
    receiver = await startCallbackReceiver();
    sandbox = await startEventSandbox();
    receiver.control.badReply = true;

    const saved = await sandboxApi<{ code: string; detail: string }>(sandbox, 'PUT', '/event-delivery', { mode: 'http', callbackUrl: `${receiver.url}/dingtalk/callback`, ...callbackSecrets });

    expect(saved.status).toBe(422);
    expect(saved.body).toMatchObject({ code: 'sandbox.callback_check_failed', detail: expect.stringContaining('bad_signature') });
    expect(sandbox.state.events.delivery().mode).toBe('stream');
  });

  it('an org event arrives decrypted in its PascalCase HTTP shape and is marked acked', async () => {
    await httpMode();

    const { eventId } = sandbox!.state.events.publishEvent({ eventType: 'user_leave_org', data: { userId: ['u9'], optStaffId: 'yq-wanglei', timeStamp: '1700000000000' } });

    const record = await waitForStatus(sandbox!, eventId, 'acked');
    expect(receiver!.events.at(-1)!.plain).toEqual({ EventType: 'user_leave_org', CorpId: testApp.corpId, UserId: ['u9'], OptStaffId: 'yq-wanglei', TimeStamp: '1700000000000' });
    expect(record.attempts).toMatchObject([{ transport: 'http', outcome: 'acked', url: `${receiver!.url}/dingtalk/callback` }]);
  });

  it('a failed push is retried with the same payload until the receiver answers success', async () => {
    await httpMode();
    receiver!.control.failNext = 2;

    const { eventId } = sandbox!.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['u10'], timeStamp: '1' } });

    const record = await waitForStatus(sandbox!, eventId, 'acked');
    expect(record.attempts.map((attempt) => attempt.outcome)).toEqual(['error', 'error', 'acked']);
    expect(record.attempts[0]!.detail).toBe('HTTP 500');
    const pushes = receiver!.events.slice(1);
    expect(pushes).toHaveLength(3);
    expect(pushes[2]!.plain).toEqual({ EventType: 'user_add_org', CorpId: testApp.corpId, UserId: ['u10'], TimeStamp: '1' });
  });

  it('a push that keeps failing is marked failed after the last retry', async () => {
    await httpMode();
    receiver!.control.failNext = 10;

    const { eventId } = sandbox!.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['u11'] } });

    const record = await waitForStatus(sandbox!, eventId, 'failed');
    // One first attempt plus one per configured retry delay (two in the fast settings).
    expect(record.attempts).toHaveLength(3);
  });

  it('a receiver refuses a push whose signature was tampered with', async () => {
    await httpMode();
    const sealed = receiver!.crypto.seal(JSON.stringify({ EventType: 'user_add_org' }));

    const forged = await fetch(`${receiver!.url}/dingtalk/callback?msg_signature=${'a'.repeat(40)}&timestamp=${sealed.timeStamp}&nonce=${sealed.nonce}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encrypt: sealed.encrypt }),
    });

    expect(forged.status).toBe(403);
    expect(receiver!.events.at(-1)!.refused).toBe('bad_signature');
  });

  it('approval events keep their camelCase fields with EventType in front over HTTP', async () => {
    await httpMode();

    const { eventId } = sandbox!.state.events.publishEvent({ eventType: 'bpms_instance_change', data: { processInstanceId: 'p1', corpId: testApp.corpId, type: 'start' } });

    await waitForStatus(sandbox!, eventId, 'acked');
    expect(receiver!.events.at(-1)!.plain).toEqual({ EventType: 'bpms_instance_change', processInstanceId: 'p1', corpId: testApp.corpId, type: 'start' });
  });

  it('events published before a callback URL is set wait and go out once it is', async () => {
    receiver = await startCallbackReceiver();
    sandbox = await startEventSandbox({ delivery: { mode: 'http' } });
    const { eventId } = sandbox.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['u12'] } });
    expect(sandbox.state.events.get(eventId)?.status).toBe('pending');

    await sandboxApi(sandbox, 'PUT', '/event-delivery', { callbackUrl: `${receiver.url}/dingtalk/callback`, ...callbackSecrets });

    await waitForStatus(sandbox, eventId, 'acked');
  });

  it('a robot message is posted to the robot URL with a valid timestamp and sign', async () => {
    await httpMode((url) => ({ robotUrl: `${url}/dingtalk/robot` }));

    const sent = await sandboxApi<{ msgId: string }>(sandbox!, 'POST', '/bot-messages', { userId: demoUserIds.huangli, openConversationId: demoGroupIds.sales, text: '@运维助手 VPN 连不上' });

    expect(sent.status).toBe(202);
    const [message] = await waitFor(() => (receiver!.robotMessages.length > 0 ? receiver!.robotMessages : undefined));
    expect(message!.signature).toBe('valid');
    expect(message!.body).toMatchObject({ msgtype: 'text', text: { content: ' VPN 连不上' }, msgId: sent.body.msgId, senderStaffId: demoUserIds.huangli });
    await waitFor(() => sandbox!.state.events.list({ topic: robotMessageTopic })[0]?.status === 'acked');
  });

  it('a card click over HTTP returns the receiver’s answer to the publisher', async () => {
    const update = { cardData: { cardParamMap: { status: 'done' } } };
    receiver = await startCallbackReceiver({ cardResponse: update });
    sandbox = await startEventSandbox({ delivery: { mode: 'http', cardCallbackUrl: `${receiver.url}/dingtalk/card` } });

    const response = await sandbox.state.events.publishCallback({ topic: cardCallbackTopic, data: { outTrackId: 't1', userId: demoUserIds.lina } });

    expect(response).toEqual(update);
    expect(receiver.cardClicks).toEqual([{ outTrackId: 't1', userId: demoUserIds.lina }]);
  });

  it('with both transports on, an event is pushed over HTTP even with no Stream client', async () => {
    await httpMode(() => ({ mode: 'both' }));

    const { eventId } = sandbox!.state.events.publishEvent({ eventType: 'user_add_org', data: { userId: ['u13'] } });

    await waitFor(() => sandbox!.state.events.get(eventId)?.delivery.http === 'acked', { what: 'the HTTP delivery' });
    expect(sandbox!.state.events.get(eventId)).toMatchObject({ transports: ['stream', 'http'], delivery: { stream: 'pending', http: 'acked' }, status: 'pending' });
  });

  it('an invalid delivery setting is refused and names the field', async () => {
    sandbox = await startEventSandbox();

    const saved = await sandboxApi<{ errors: { path: string }[] }>(sandbox, 'PUT', '/event-delivery', { mode: 'http', aesKey: 'short' });

    expect(saved.status).toBe(400);
    expect(saved.body.errors.map((error) => error.path)).toEqual(['body.aesKey']);
  });
});
