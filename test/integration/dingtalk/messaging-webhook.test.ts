import { afterEach, describe, expect, it } from 'vitest';
import { signWebhookRequest } from '../../../server/src/dingtalk/webhook-robot-sign';
import { demoGroupIds, demoUserIds, type RunningSandbox } from '../../../server/src/sandbox';
import { conversationItems, sandboxApi, startMessagingSandbox, webhookRobot } from './messaging-fixture';
import { clientFor, createTestClock, failureOf } from './sandbox-fixture';

// The custom group robot (webhook) through the real client: signing, keywords, the 20-a-minute
// cap with its lockout, and the size cap. Windows run on a hand-driven clock, so nothing waits.

const alert = (text: string) => ({ msgtype: 'markdown' as const, markdown: { title: '告警', text } });

describe('Custom robot webhook against the sandbox', () => {
  let sandbox: RunningSandbox | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('a signed text message @-mentioning the on-call engineer appears in IT运维值班群', async () => {
    sandbox = await startMessagingSandbox();
    const client = clientFor(sandbox);

    await client.sendWebhookMessage({
      ...webhookRobot(sandbox, 'it-oncall-webhook-1'),
      body: { msgtype: 'text', text: { content: `ERP 数据库连接数过高 @${demoUserIds.chengang}` }, at: { atUserIds: [demoUserIds.chengang] } },
    });

    const last = (await conversationItems(sandbox, demoGroupIds['it-oncall'])).at(-1);
    expect(last).toMatchObject({ kind: 'message', via: 'webhook', sender: { name: '运维告警1号' }, msgtype: 'text', mentions: { userIds: [demoUserIds.chengang], names: ['陈刚'] } });
  });

  it('a message signed with the wrong secret fails as a permanent security refusal (310000)', async () => {
    sandbox = await startMessagingSandbox();
    const { webhookUrl } = webhookRobot(sandbox, 'it-oncall-webhook-1');

    const error = await failureOf(() => clientFor(sandbox!).sendWebhookMessage({ webhookUrl, secret: 'SECnot-the-secret', body: alert('x') }));

    expect(error).toMatchObject({ code: '310000', reason: 'auth', retryable: false, httpStatus: 200, detail: 'security_check' });
    expect(error).not.toHaveProperty('message', expect.stringContaining('access_token'));
  });

  it('a sign URL-encoded twice is refused, once is accepted', async () => {
    sandbox = await startMessagingSandbox();
    const { webhookUrl, secret } = webhookRobot(sandbox, 'it-oncall-webhook-2');
    const timestamp = String(Date.now());
    const sign = encodeURIComponent(signWebhookRequest(secret, timestamp));
    const post = (encodedSign: string) =>
      fetch(`${webhookUrl}&timestamp=${timestamp}&sign=${encodedSign}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alert('x')) }).then((r) => r.json());

    expect(await post(encodeURIComponent(sign))).toMatchObject({ errcode: 310000, errmsg: 'sign not match' });
    expect(await post(sign)).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('a signature more than an hour old is refused', async () => {
    sandbox = await startMessagingSandbox();
    const client = clientFor(sandbox, { now: () => Date.now() - 61 * 60 * 1000 });

    const error = await failureOf(() => client.sendWebhookMessage({ ...webhookRobot(sandbox!, 'it-oncall-webhook-1'), body: alert('x') }));

    expect(error).toMatchObject({ code: '310000', reason: 'auth' });
  });

  it('with keywords configured, a message without one is refused and one with it goes through', async () => {
    sandbox = await startMessagingSandbox();
    const client = clientFor(sandbox);
    const robot = webhookRobot(sandbox, 'it-oncall-webhook-1');
    const configured = await sandboxApi(sandbox, 'PUT', '/robots/it-oncall-webhook-1/security', { keywords: ['告警'] });
    expect(configured.status).toBe(200);

    const error = await failureOf(() => client.sendWebhookMessage({ ...robot, body: { msgtype: 'text', text: { content: '服务器重启完成' } } }));
    await client.sendWebhookMessage({ ...robot, body: { msgtype: 'text', text: { content: '【告警】磁盘使用率 95%' } } });

    expect(error).toMatchObject({ code: '310000', reason: 'auth', retryable: false });
    const stats = await sandboxApi<{ accepted: number; refusedByReason: Record<string, number> }>(sandbox, 'GET', '/robots/it-oncall-webhook-1/stats');
    expect(stats.body).toMatchObject({ accepted: 1, refusedByReason: { keyword: 1 } });
  });

  it('the 21st message within a minute fails with 130101, retryable after ten minutes, and the lockout holds', async () => {
    const clock = createTestClock(Date.now());
    sandbox = await startMessagingSandbox({ now: clock.now });
    const client = clientFor(sandbox, { now: clock.now });
    const robot = webhookRobot(sandbox, 'it-oncall-webhook-1');

    for (let index = 0; index < 20; index += 1) {
      await client.sendWebhookMessage({ ...robot, body: alert(`告警 ${index}`) });
      clock.advance(2000);
    }
    const twentyFirst = await failureOf(() => client.sendWebhookMessage({ ...robot, body: alert('告警 20') }));
    clock.advance(60_000);
    const duringLockout = await failureOf(() => client.sendWebhookMessage({ ...robot, body: alert('告警 21') }));
    clock.advance(540_001);
    await client.sendWebhookMessage({ ...robot, body: alert('告警 22') });

    expect(twentyFirst).toMatchObject({ code: '130101', reason: 'throttled', retryable: true, retryAfterMs: 600_000 });
    expect(duringLockout).toMatchObject({ code: '130101', retryable: true });
    expect(sandbox.state.messaging.maxInAnyWindow('it-oncall-webhook-1')).toBe(20);
    const stats = await sandboxApi<{ accepted: number; refusedByReason: Record<string, number> }>(sandbox, 'GET', '/robots/it-oncall-webhook-1/stats');
    expect(stats.body).toMatchObject({ accepted: 21, refusedByReason: { rate_limited: 2 } });
  });

  it('the two robots of the pool count their minutes separately', async () => {
    const clock = createTestClock(Date.now());
    sandbox = await startMessagingSandbox({ now: clock.now });
    const client = clientFor(sandbox, { now: clock.now });

    for (let index = 0; index < 20; index += 1) await client.sendWebhookMessage({ ...webhookRobot(sandbox, 'it-oncall-webhook-1'), body: alert(`a${index}`) });
    await client.sendWebhookMessage({ ...webhookRobot(sandbox, 'it-oncall-webhook-2'), body: alert('b0') });

    expect(sandbox.state.messaging.maxInAnyWindow('it-oncall-webhook-1')).toBe(20);
    expect(sandbox.state.messaging.maxInAnyWindow('it-oncall-webhook-2')).toBe(1);
  });

  it('a minute and lockout shrunk to one second through the sandbox API apply in real time', async () => {
    sandbox = await startMessagingSandbox();
    const set = await sandboxApi(sandbox, 'PUT', '/rate-limit', { windowMs: 1000, penaltyMs: 1000 });
    const client = clientFor(sandbox, { webhookThrottlePenaltyMs: 1000 });
    const robot = webhookRobot(sandbox, 'it-oncall-webhook-2');

    await Promise.all(Array.from({ length: 20 }, (_, index) => client.sendWebhookMessage({ ...robot, body: alert(`${index}`) })));
    const refused = await failureOf(() => client.sendWebhookMessage({ ...robot, body: alert('over') }));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await client.sendWebhookMessage({ ...robot, body: alert('after the penalty') });

    expect(set.body).toEqual({ windowMs: 1000, penaltyMs: 1000 });
    expect(refused).toMatchObject({ code: '130101', retryAfterMs: 1000 });
  });

  it('a body over 20,000 bytes fails as a permanent bad request marked too_long (460101)', async () => {
    sandbox = await startMessagingSandbox();

    const error = await failureOf(() => clientFor(sandbox!).sendWebhookMessage({ ...webhookRobot(sandbox!, 'it-oncall-webhook-1'), body: alert('日志'.repeat(3500)) }));

    expect(error).toMatchObject({ code: '460101', reason: 'bad_request', retryable: false, detail: 'too_long' });
  });

  it('an unknown robot token fails as a permanent auth error (300001)', async () => {
    sandbox = await startMessagingSandbox();

    const error = await failureOf(() => clientFor(sandbox!).sendWebhookMessage({ webhookUrl: `${sandbox!.url}/robot/send?access_token=${'0'.repeat(64)}`, body: alert('x') }));

    expect(error).toMatchObject({ code: '300001', reason: 'auth', retryable: false });
  });

  it('the sandbox API lists each group’s robots with webhook URLs and secrets', async () => {
    sandbox = await startMessagingSandbox();

    const { body } = await sandboxApi<{ conversations: { id: string; title: string; robots: { key: string; kind: string; webhookUrl: string | null; secret: string | null }[] }[] }>(sandbox, 'GET', '/conversations');

    const itOnCall = body.conversations.find((c) => c.id === demoGroupIds['it-oncall']);
    expect(body.conversations.map((c) => c.title)).toEqual(['IT运维值班群', '信息安全群', '销售部群', '管理层群']);
    expect(itOnCall?.robots.map((r) => r.key)).toEqual(['ops-assistant', 'it-oncall-webhook-1', 'it-oncall-webhook-2']);
    expect(itOnCall?.robots[1]).toMatchObject({ kind: 'webhook', webhookUrl: expect.stringMatching(/\/robot\/send\?access_token=[0-9a-f]{64}$/), secret: expect.stringMatching(/^SEC[0-9a-f]{64}$/) });
    expect(body.conversations.find((c) => c.id === demoGroupIds.sales)?.robots.map((r) => r.key)).toEqual(['ops-assistant']);
  });
});

