import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createCallbackCrypto } from '../../../server/src/dingtalk/callback-crypto';
import { robotRequestHeaders } from '../../../server/src/dingtalk/robot-signature';
import { inboxEvents } from '../../../server/src/platform/inbox/inbox.table';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { waitFor } from '../../support/wait';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';


const eventsOf = (t: TestApp, topic: string) => t.database.db.select().from(inboxEvents).where(eq(inboxEvents.topic, topic));

describe('event inbox (DESIGN house rule 3)', () => {
  it('Stream: an org event is recorded, acknowledged and handed to its handler once; a redelivered copy is ignored', async () => {
    const t = await buildTestApp();
    const handled: unknown[] = [];
    t.app.inbox.on('user_modify_org', async (event) => void handled.push(event.payload));
    await t.app.ready();
    const { eventId } = await t.sandboxApi<{ eventId: string }>('/org-events', { method: 'POST', body: { type: 'user_modify_org', userId: demo.salesRep, title: '高级销售代表' } });

    await waitFor(async () => (await eventsOf(t, 'user_modify_org')).length === 1, 'the event in the inbox');
    await waitFor(async () => (await t.sandboxApi<{ status: string }>(`/events/${eventId}`)).status === 'acked', 'the sandbox to see the ACK');
    await t.app.inbox.runOnce();
    expect(handled).toEqual([expect.objectContaining({ userId: [demo.salesRep], eventType: 'user_modify_org' })]);

    await t.sandboxApi(`/events/${eventId}/redeliver`, { method: 'POST' });
    await waitFor(async () => (await eventsOf(t, 'user_modify_org'))[0]?.duplicates === 1, 'the duplicate to be counted');
    await t.app.inbox.runOnce();
    expect(handled).toHaveLength(1);
    expect((await eventsOf(t, 'user_modify_org'))[0]).toMatchObject({ transport: 'stream', status: 'processed', eventKey: `event:${eventId}` });
  });

  it('Stream: an @-bot message arrives as a robot callback with the sender and the conversation', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    // Robot messages are fire-and-forget in DingTalk: nothing is redelivered to a client that was not connected.
    await t.app.inbox.whenConnected();
    const sales = { id: demoGroupIds.sales };
    await t.sandboxApi('/bot-messages', { method: 'POST', body: { userId: demo.salesRep, openConversationId: sales.id, text: 'VPN 连不上' } });
    const [event] = await waitFor(async () => {
      const rows = await eventsOf(t, '/v1.0/im/bot/messages/get');
      return rows.length ? rows : null;
    }, 'the robot message');
    expect(event).toMatchObject({ kind: 'callback', eventKey: expect.stringMatching(/^robot:/) });
    expect(event!.payload).toMatchObject({ senderStaffId: demo.salesRep, conversationId: sales.id, text: { content: expect.stringContaining('VPN 连不上') } });
  });

  it('a handler that keeps failing is retried, then parked for an admin, who can hand it back', async () => {
    const t = await buildTestApp({ INBOX_MAX_ATTEMPTS: '2', OUTBOX_RETRY_BASE_MS: '10' });
    let calls = 0;
    t.app.inbox.on('user_leave_org', async () => {
      calls += 1;
      throw new Error('directory unavailable');
    });
    await t.app.ready();
    await t.sandboxApi('/org-events', { method: 'POST', body: { type: 'user_leave_org', userId: demo.salesRep } });
    await waitFor(async () => (await eventsOf(t, 'user_leave_org')).length === 1, 'the event');
    await t.app.inbox.runOnce();
    t.clock.advance(60_000);
    await t.app.inbox.runOnce();
    expect(calls).toBe(2);
    const admin = await t.loginAs(demo.itLead);
    const parked = (await t.app.inject({ method: 'GET', url: '/api/v1/ops/inbox?status=parked', headers: admin.headers })).json();
    expect(parked.items).toEqual([expect.objectContaining({ topic: 'user_leave_org', attempts: 2, lastError: 'directory unavailable' })]);
    const requeued = await t.app.inject({ method: 'POST', url: `/api/v1/ops/inbox/${parked.items[0].id}/requeue`, headers: admin.headers });
    expect(requeued.json()).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('an event type no module handles is kept as ignored, not lost', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    // The sandbox pushes only the contact events DingOps handles; a department change comes from live DingTalk.
    await t.app.inbox.receive({ eventKey: 'http-event:dept', transport: 'http', kind: 'event', topic: 'org_dept_create', payload: { eventType: 'org_dept_create', deptId: [581208264] } });
    await t.app.inbox.runOnce();
    expect((await eventsOf(t, 'org_dept_create'))[0]?.status).toBe('ignored');
  });
});

describe('HTTP callback transport', () => {
  // DingTalk's published vector B (DingCallbackCrypto3.py): a check_url push.
  const vectorB = {
    token: 'mryue',
    aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
    ownerKey: 'ding6ccabc44d2c8d38b',
    signature: '03044561471240d4a14bb09372dfcfd4fd0e40cb',
    timestamp: '1608001896814',
    nonce: 'WL4PK6yA',
    encrypt: '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3',
  };
  const vectorEnv = {
    DINGTALK_CALLBACK_TOKEN: vectorB.token,
    DINGTALK_CALLBACK_AES_KEY: vectorB.aesKey,
    DINGTALK_CALLBACK_OWNER_KEY: vectorB.ownerKey,
    DINGTALK_CALLBACK_MAX_SKEW_MS: String(20 * 365 * 86_400_000),
    DINGTALK_EVENT_TRANSPORT: 'http',
  };

  it('answers DingTalk’s published check_url vector with an encrypted, signed "success"', async () => {
    const t = await buildTestApp(vectorEnv);
    const { signature, timestamp, nonce, encrypt } = vectorB;
    const response = await t.app.inject({ method: 'POST', url: `/dingtalk/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, payload: { encrypt } });
    expect(response.statusCode).toBe(200);
    const reply = response.json();
    const crypto = createCallbackCrypto({ token: vectorB.token, aesKey: vectorB.aesKey, ownerKey: vectorB.ownerKey });
    expect(crypto.decrypt({ encrypt: reply.encrypt, signature: reply.msg_signature, timestamp: reply.timeStamp, nonce: reply.nonce })).toBe('success');
    expect(await t.database.db.select().from(inboxEvents)).toEqual([]);
  });

  it('refuses a wrong signature (401), a stale timestamp (400) and a reused nonce with other content (409)', async () => {
    const t = await buildTestApp({ ...vectorEnv, DINGTALK_CALLBACK_MAX_SKEW_MS: '600000' });
    const crypto = createCallbackCrypto({ token: vectorB.token, aesKey: vectorB.aesKey, ownerKey: vectorB.ownerKey });
    const post = (query: string, encrypt: string) => t.app.inject({ method: 'POST', url: `/dingtalk/callback?${query}`, payload: { encrypt } });
    const now = String(t.clock.now().getTime());
    const sealed = (plain: string, nonce: string) => {
      const encrypt = crypto.encrypt(plain);
      return { encrypt, query: `msg_signature=${crypto.sign({ timestamp: now, nonce, encrypt })}&timestamp=${now}&nonce=${nonce}` };
    };

    const forged = sealed('{"EventType":"user_leave_org","UserId":["x"]}', 'n1');
    expect(problemOf(await post(forged.query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'0'.repeat(40)}`), forged.encrypt)).code).toBe('dingtalk.callback_rejected');

    const stale = await post(`msg_signature=${vectorB.signature}&timestamp=${vectorB.timestamp}&nonce=${vectorB.nonce}`, vectorB.encrypt);
    expect(stale.statusCode).toBe(400);
    expect(problemOf(stale).code).toBe('dingtalk.callback_stale');

    const first = sealed('{"EventType":"user_leave_org","UserId":["a"],"TimeStamp":"1"}', 'same-nonce');
    expect((await post(first.query, first.encrypt)).statusCode).toBe(200);
    expect((await post(first.query, first.encrypt)).statusCode).toBe(200);
    const replay = sealed('{"EventType":"user_leave_org","UserId":["b"],"TimeStamp":"2"}', 'same-nonce');
    expect((await post(replay.query, replay.encrypt)).statusCode).toBe(409);

    const stored = await t.database.db.select().from(inboxEvents);
    expect(stored).toEqual([expect.objectContaining({ transport: 'http', topic: 'user_leave_org', duplicates: 1, payload: expect.objectContaining({ userId: ['a'] }) })]);
  });

  it('the sandbox pushes org events to the HTTP callback with real encryption, and they land in the inbox', async () => {
    const t = await buildTestApp({ DINGTALK_EVENT_TRANSPORT: 'http' }, { realClock: true });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    const { callbackToken, callbackAesKey } = t.config.dingtalk.events;
    await t.sandboxApi('/event-delivery', {
      method: 'PUT',
      body: { mode: 'http', callbackUrl: `${base}/dingtalk/callback`, robotUrl: `${base}/dingtalk/robot`, cardCallbackUrl: `${base}/dingtalk/cards`, token: callbackToken, aesKey: callbackAesKey },
    });
    await t.sandboxApi('/org-events', { method: 'POST', body: { type: 'user_leave_org', userId: demo.salesRep } });
    const [event] = await waitFor(async () => {
      const rows = await eventsOf(t, 'user_leave_org');
      return rows.length ? rows : null;
    }, 'the pushed event');
    expect(event).toMatchObject({ transport: 'http', payload: expect.objectContaining({ userId: [demo.salesRep] }) });
  });

  it('robot messages over HTTP need the app signature', async () => {
    const t = await buildTestApp();
    const message = { msgtype: 'text', msgId: 'msg-1', text: { content: ' 打印机卡纸' }, senderStaffId: demo.employee, conversationId: 'cid1' };
    const unsigned = await t.app.inject({ method: 'POST', url: '/dingtalk/robot', payload: message });
    expect(unsigned.statusCode).toBe(401);
    const signed = await t.app.inject({ method: 'POST', url: '/dingtalk/robot', payload: message, headers: robotRequestHeaders({ appSecret: t.config.dingtalk.clientSecret, now: t.clock.now().getTime() }) });
    expect(signed.statusCode).toBe(200);
    expect(await eventsOf(t, '/v1.0/im/bot/messages/get')).toEqual([expect.objectContaining({ eventKey: 'robot:msg-1' })]);
  });
});
