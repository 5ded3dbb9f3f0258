import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DingTalkClient } from '../../../server/src/dingtalk/client';
import { demoGroupIds, demoUserIds, sandboxCardTemplateIds, type RunningSandbox } from '../../../server/src/sandbox';
import { sandboxApi, startMessagingSandbox, webhookRobot } from './messaging-fixture';
import { clientFor, failureOf, testApp } from './sandbox-fixture';

// Fault injection through the sandbox API, observed by the real client: every DingTalk-shaped
// endpoint fails, slows down, throttles or hangs up as told; the sandbox's own API never does.

describe('Sandbox fault injection', () => {
  let sandbox: RunningSandbox;
  let client: DingTalkClient;

  beforeEach(async () => {
    sandbox = await startMessagingSandbox();
    client = clientFor(sandbox, { timeoutMs: 2000 });
    // Fetched before any fault, so each test sees the call it is about.
    await client.getAccessToken();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const setFaults = (faults: Record<string, unknown>) => sandboxApi(sandbox, 'PUT', '/faults', faults);
  const groupMessage = () => client.sendGroupMessage({ robotCode: testApp.clientId, openConversationId: demoGroupIds['it-oncall'], msgKey: 'sampleText', msgParam: { content: 'ping' } });
  const workNotification = () => client.sendWorkNotification({ userIds: [demoUserIds.lina], msg: { msgtype: 'text', text: { content: `ping ${Math.random()}` } } });
  const webhookMessage = () => client.sendWebhookMessage({ ...webhookRobot(sandbox, 'it-oncall-webhook-1'), body: { msgtype: 'text', text: { content: 'ping' } } });

  it('no faults are set when the sandbox starts', async () => {
    const { body } = await sandboxApi(sandbox, 'GET', '/faults');

    expect(body).toEqual({ errorRate: 0, latencyMs: 0, throttle: false, dropConnections: false, throttleUntil: null, injected: { throttle: 0, error: 0, drop: 0 } });
  });

  it('with an error rate of 1 every kind of call fails as retryable', async () => {
    await setFaults({ errorRate: 1 });

    const failures = [await failureOf(groupMessage), await failureOf(workNotification), await failureOf(webhookMessage), await failureOf(groupMessage), await failureOf(workNotification)];

    for (const failure of failures) expect(failure).toMatchObject({ retryable: true });
    expect(failures.map((f) => (f as { reason: string }).reason).every((reason) => reason === 'unavailable' || reason === 'throttled')).toBe(true);
  });

  it('added latency delays the answer, and beyond the client timeout the call fails as retryable', async () => {
    const impatientClient = clientFor(sandbox, { timeoutMs: 250 });
    await impatientClient.getAccessToken();
    await setFaults({ latencyMs: 300 });

    const started = Date.now();
    await groupMessage();
    const elapsed = Date.now() - started;
    const timedOut = await failureOf(() => impatientClient.sendWorkNotification({ userIds: [demoUserIds.lina], msg: { msgtype: 'text', text: { content: 'slow' } } }));

    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(timedOut).toMatchObject({ code: 'timeout', reason: 'unavailable', retryable: true });
  });

  it('throttling answers each API’s own throttling error, all retryable', async () => {
    await setFaults({ throttle: true });

    expect(await failureOf(groupMessage)).toMatchObject({ httpStatus: 403, code: 'Forbidden.AccessDenied.QpsLimitForApi', reason: 'throttled', retryable: true });
    expect(await failureOf(workNotification)).toMatchObject({ code: '143103', reason: 'throttled', retryable: true });
    expect(await failureOf(webhookMessage)).toMatchObject({ code: '130101', reason: 'throttled', retryable: true });
  });

  it('a timed throttle ends by itself', async () => {
    await setFaults({ throttle: true, throttleForMs: 300 });
    const during = await failureOf(groupMessage);
    await new Promise((resolve) => setTimeout(resolve, 350));

    await groupMessage();

    expect(during).toMatchObject({ reason: 'throttled' });
    expect((await sandboxApi(sandbox, 'GET', '/faults')).body).toMatchObject({ throttle: false, throttleUntil: null });
  });

  it('dropped connections fail as retryable transport errors', async () => {
    await setFaults({ dropConnections: true });

    const failures = [await failureOf(groupMessage), await failureOf(workNotification), await failureOf(webhookMessage)];

    for (const failure of failures) expect(failure).toMatchObject({ reason: 'unavailable', retryable: true, httpStatus: null });
  });

  it('a robot send the fault injection refused counts as that robot’s refusal, by kind; other calls only in the injected totals', async () => {
    const stats = async (key: string) => (await sandboxApi<{ refused: number; refusedByReason: Record<string, number> }>(sandbox, 'GET', `/robots/${key}/stats`)).body;
    const card = (outTrackId: string) => ({
      outTrackId,
      cardTemplateId: sandboxCardTemplateIds.alert,
      cardParamMap: { title: 'ERP 数据库连接数过高', level: '1' },
      openSpaceId: `dtv1.card//IM_GROUP.${demoGroupIds['it-oncall']}`,
      robotCode: testApp.clientId,
      callbackType: 'STREAM' as const,
    });
    await client.createAndDeliverCard(card('fault-card-1'));

    await setFaults({ throttle: true });
    await failureOf(webhookMessage);
    await failureOf(webhookMessage);
    await failureOf(groupMessage);
    await failureOf(() => client.createAndDeliverCard(card('fault-card-2')));
    await failureOf(() => client.updateCard({ outTrackId: 'fault-card-1', cardParamMap: { status: '已认领' } }));
    await failureOf(workNotification);
    await setFaults({ errorRate: 1 });
    await failureOf(groupMessage);
    await setFaults({ dropConnections: true });
    await failureOf(webhookMessage);

    expect(await stats('it-oncall-webhook-1')).toMatchObject({ refused: 3, refusedByReason: { injected_throttle: 2, injected_drop: 1 } });
    expect(await stats('ops-assistant')).toMatchObject({ refused: 4, refusedByReason: { injected_throttle: 3, injected_error: 1 } });
    expect(await stats('it-oncall-webhook-2')).toMatchObject({ refused: 0 });
    await setFaults({});
    expect((await sandboxApi(sandbox, 'GET', '/faults')).body).toMatchObject({ injected: { throttle: 6, error: 1, drop: 1 } });
  });

  it('the sandbox’s own API keeps answering whatever the faults', async () => {
    await setFaults({ errorRate: 1, dropConnections: true, throttle: true });

    const { status } = await sandboxApi(sandbox, 'GET', '/conversations');

    expect(status).toBe(200);
  });

  it('faults given as a sandbox option are in force from the start', async () => {
    const throttled = await startMessagingSandbox({ faults: { throttle: true } });
    try {
      const error = await failureOf(() => clientFor(throttled).getAccessToken());

      expect(error).toMatchObject({ reason: 'throttled', retryable: true });
    } finally {
      await throttled.close();
    }
  });

  it('an error rate above 1 is refused with a problem naming the field', async () => {
    const answer = await setFaults({ errorRate: 2 });

    expect(answer).toMatchObject({ status: 400, contentType: expect.stringContaining('application/problem+json'), body: { errors: [{ path: 'body.errorRate' }] } });
  });
});
