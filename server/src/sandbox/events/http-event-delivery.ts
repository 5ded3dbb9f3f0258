import { cardCallbackTopic, robotMessageTopic } from '../../dingtalk/stream-topics';
import type { DeliveryContext } from './delivery-context';
import type { EventRecord } from './event-records';
import type { EventDeliveryConfig } from './event-settings';
import { pushCardCallback, pushEncryptedEvent, pushRobotMessage, type HttpOutcome } from './http-delivery';

/**
 * Events and callbacks over HTTP. Events wait for a callback URL and are retried on DingTalk's
 * schedule; callbacks go to the robot or card URL once.
 */
export function createHttpEventDelivery(context: DeliveryContext, delivery: () => EventDeliveryConfig) {
  const { app, now, settings, log, records, attempt, answer } = context;
  const waiting = new Set<string>();
  let chain: Promise<void> = Promise.resolve();

  /** First attempts go out one at a time in publishing order, so a receiver sees events in order. */
  function enqueueEvent(record: EventRecord) {
    records.setStatus(record, 'http', 'pending');
    chain = chain.then(() => deliverEvent(record)).catch((error: unknown) => log?.error({ err: error }, 'Sandbox HTTP push failed unexpectedly'));
  }

  async function deliverEvent(record: EventRecord) {
    const { callbackUrl, token, aesKey } = delivery();
    if (!callbackUrl || !token || !aesKey) {
      waiting.add(record.id);
      return;
    }
    waiting.delete(record.id);
    const sent = attempt(record, { transport: 'http', outcome: 'sent', url: callbackUrl });
    records.setStatus(record, 'http', 'delivered');
    const result = await pushEncryptedEvent({ url: callbackUrl, plain: JSON.stringify(record.httpBody), token, aesKey, ownerKey: app.clientId, now: now(), timeoutMs: settings.httpTimeoutMs });
    if (result.ok) {
      answer(sent, 'acked');
      records.setStatus(record, 'http', 'acked');
      return;
    }
    answer(sent, 'error', result.detail);
    const retries = context.attemptsOver(record, 'http');
    const wait = settings.httpRetryDelaysMs[retries - 1];
    if (wait === undefined) {
      records.setStatus(record, 'http', 'failed');
      log?.warn({ eventId: record.eventId, detail: result.detail }, 'Sandbox gave up delivering an event over HTTP');
      return;
    }
    records.setStatus(record, 'http', 'pending');
    context.later(wait, () => void deliverEvent(record));
  }

  async function deliverCallback(record: EventRecord): Promise<{ delivered: boolean; response: unknown }> {
    const isRobot = record.topic === robotMessageTopic;
    const url = isRobot ? delivery().robotUrl : record.topic === cardCallbackTopic ? delivery().cardCallbackUrl : null;
    if (!url) {
      attempt(record, { transport: 'http', outcome: 'refused', detail: `no HTTP URL configured for ${record.topic}` });
      records.setStatus(record, 'http', 'failed');
      return { delivered: false, response: null };
    }
    const sent = attempt(record, { transport: 'http', outcome: 'sent', url });
    records.setStatus(record, 'http', 'delivered');
    const result: HttpOutcome = isRobot
      ? await pushRobotMessage({ url, message: record.data, appSecret: app.clientSecret, now: now(), timeoutMs: settings.httpTimeoutMs })
      : await pushCardCallback({ url, callback: record.data, appSecret: app.clientSecret, now: now(), timeoutMs: settings.httpTimeoutMs });
    answer(sent, result.ok ? 'acked' : 'error', result.ok ? undefined : result.detail);
    records.setStatus(record, 'http', result.ok ? 'acked' : 'failed');
    return result.ok ? { delivered: true, response: result.body ?? null } : { delivered: false, response: null };
  }

  return {
    enqueueEvent,
    deliverCallback,
    /** Events that waited for a callback URL go out now (the delivery settings changed). */
    sendWaiting() {
      for (const id of [...waiting]) {
        const record = records.get(id);
        if (record) enqueueEvent(record);
      }
    },
  };
}
