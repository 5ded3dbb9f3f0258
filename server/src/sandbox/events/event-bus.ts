import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { cardCallbackTopic, robotMessageTopic } from '../../dingtalk/stream-topics';
import type { SandboxApp } from '../types';
import { httpEventBody } from './event-payloads';
import { createEventRecords, transportsOf, type DeliveryAttempt, type EventFilter, type EventRecord, type Transport } from './event-records';
import { defaultEventBusSettings, defaultEventDelivery, validDelivery, type EventBusSettings, type EventDeliveryConfig } from './event-settings';
import { pushCardCallback, pushEncryptedEvent, pushRobotMessage, type HttpOutcome } from './http-delivery';
import { callbackFrame, eventFrame, newEventId, parseAckData } from './stream-frames';
import { createStreamHub, type StreamFaults } from './stream-hub';

// The sandbox's event bus: everything DingTalk pushes to an app (org and approval events, robot
// messages, card clicks) goes through here, over Stream, HTTP or both. Events are delivered at
// least once: redelivered with the same eventId after LATER, a missed ACK or a failed HTTP push.
// Callbacks go out once and their answer goes back to whoever published them.

export type EventBus = ReturnType<typeof createEventBus>;

/** DingTalk's unified app id is a UUID; derive a stable one from the app key. */
function unifiedAppIdOf(clientId: string): string {
  const h = createHash('sha256').update(`app:${clientId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function createEventBus({
  app,
  now,
  settings: settingsInput = {},
  delivery: deliveryInput = {},
  log,
}: {
  app: SandboxApp;
  now: () => number;
  settings?: Partial<EventBusSettings>;
  delivery?: Partial<EventDeliveryConfig>;
  log?: Logger;
}) {
  const settings: EventBusSettings = { ...defaultEventBusSettings, ...settingsInput };
  let delivery: EventDeliveryConfig = validDelivery({ ...defaultEventDelivery, ...deliveryInput });
  const records = createEventRecords();
  const unifiedAppId = unifiedAppIdOf(app.clientId);
  const streamQueue = new Set<string>();
  const httpWaiting = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let httpChain: Promise<void> = Promise.resolve();
  let faults: () => StreamFaults = () => ({ dropConnections: false, latencyMs: 0 });

  const hub = createStreamHub({
    app,
    now,
    settings,
    faults: () => faults(),
    log,
    onConnected: () => {
      for (const id of [...streamQueue]) {
        const record = records.get(id);
        if (record) deliverStreamEvent(record);
      }
    },
  });

  function later(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    timers.add(timer);
  }

  function attempt(record: EventRecord, entry: Omit<DeliveryAttempt, 'at'>): DeliveryAttempt {
    const added: DeliveryAttempt = { at: now(), ...entry };
    record.attempts.push(added);
    return added;
  }

  function answer(entry: DeliveryAttempt, outcome: DeliveryAttempt['outcome'], detail?: string) {
    entry.outcome = outcome;
    entry.answeredAt = now();
    if (detail) entry.detail = detail;
  }

  const attemptsOver = (record: EventRecord, transport: Transport) => record.attempts.filter((a) => a.transport === transport).length;

  // --- Stream -------------------------------------------------------------------------------

  function deliverStreamEvent(record: EventRecord) {
    const target = hub.pick('EVENT', '*');
    if (!target) {
      records.setStatus(record, 'stream', 'pending');
      streamQueue.add(record.id);
      return;
    }
    streamQueue.delete(record.id);
    const frame = eventFrame({ now: now(), eventId: record.eventId!, eventType: record.eventType!, corpId: record.corpId, bornAt: record.bornAt, unifiedAppId, data: record.data });
    const sent = attempt(record, { transport: 'stream', outcome: 'sent', messageId: frame.headers.messageId, connectionId: target.connectionId });
    records.setStatus(record, 'stream', 'delivered');
    void hub.send(target.connectionId, frame, settings.ackTimeoutMs).then((result) => {
      if (result.outcome === 'ack') {
        const status = result.frame.code === 200 ? parseAckData(result.frame)?.status : undefined;
        if (status === 'SUCCESS') {
          answer(sent, 'acked');
          records.setStatus(record, 'stream', 'acked');
          return;
        }
        answer(sent, 'later', typeof status === 'string' ? undefined : `ACK code ${result.frame.code}`);
        return retryStreamEvent(record, settings.laterRetryMs);
      }
      answer(sent, result.outcome === 'sent' ? 'timeout' : result.outcome);
      retryStreamEvent(record, 0);
    });
  }

  function retryStreamEvent(record: EventRecord, delayMs: number) {
    if (record.delivery.stream === 'acked') return;
    if (attemptsOver(record, 'stream') >= settings.maxStreamAttempts) {
      records.setStatus(record, 'stream', 'failed');
      log?.warn({ eventId: record.eventId }, 'Sandbox gave up delivering an event over Stream');
      return;
    }
    records.setStatus(record, 'stream', 'pending');
    later(delayMs, () => deliverStreamEvent(record));
  }

  async function deliverStreamCallback(record: EventRecord): Promise<{ delivered: boolean; response: unknown }> {
    const target = hub.pick('CALLBACK', record.topic);
    if (!target) {
      attempt(record, { transport: 'stream', outcome: 'refused', detail: `no Stream connection subscribed to ${record.topic}` });
      records.setStatus(record, 'stream', 'failed');
      return { delivered: false, response: null };
    }
    const frame = callbackFrame({ now: now(), topic: record.topic, appId: unifiedAppId, connectionId: target.connectionId, data: record.data });
    const sent = attempt(record, { transport: 'stream', outcome: 'sent', messageId: frame.headers.messageId, connectionId: target.connectionId });
    records.setStatus(record, 'stream', 'delivered');
    const result = await hub.send(target.connectionId, frame, settings.callbackTimeoutMs);
    if (result.outcome === 'ack' && result.frame.code === 200) {
      answer(sent, 'acked');
      records.setStatus(record, 'stream', 'acked');
      return { delivered: true, response: parseAckData(result.frame)?.response ?? null };
    }
    answer(sent, result.outcome === 'ack' ? 'error' : result.outcome === 'sent' ? 'timeout' : result.outcome, result.outcome === 'ack' ? `ACK code ${result.frame.code}` : undefined);
    records.setStatus(record, 'stream', 'failed');
    return { delivered: false, response: null };
  }

  // --- HTTP ---------------------------------------------------------------------------------

  /** First attempts go out one at a time in publishing order, so a receiver sees events in order. */
  function enqueueHttpEvent(record: EventRecord) {
    records.setStatus(record, 'http', 'pending');
    httpChain = httpChain.then(() => deliverHttpEvent(record)).catch((error: unknown) => log?.error({ err: error }, 'Sandbox HTTP push failed unexpectedly'));
  }

  async function deliverHttpEvent(record: EventRecord) {
    const { callbackUrl, token, aesKey } = delivery;
    if (!callbackUrl || !token || !aesKey) {
      httpWaiting.add(record.id);
      return;
    }
    httpWaiting.delete(record.id);
    const sent = attempt(record, { transport: 'http', outcome: 'sent', url: callbackUrl });
    records.setStatus(record, 'http', 'delivered');
    const result = await pushEncryptedEvent({ url: callbackUrl, plain: JSON.stringify(record.httpBody), token, aesKey, ownerKey: app.clientId, now: now(), timeoutMs: settings.httpTimeoutMs });
    if (result.ok) {
      answer(sent, 'acked');
      records.setStatus(record, 'http', 'acked');
      return;
    }
    answer(sent, 'error', result.detail);
    const retries = attemptsOver(record, 'http');
    const wait = settings.httpRetryDelaysMs[retries - 1];
    if (wait === undefined) {
      records.setStatus(record, 'http', 'failed');
      log?.warn({ eventId: record.eventId, detail: result.detail }, 'Sandbox gave up delivering an event over HTTP');
      return;
    }
    records.setStatus(record, 'http', 'pending');
    later(wait, () => void deliverHttpEvent(record));
  }

  async function deliverHttpCallback(record: EventRecord): Promise<{ delivered: boolean; response: unknown }> {
    const isRobot = record.topic === robotMessageTopic;
    const url = isRobot ? delivery.robotUrl : record.topic === cardCallbackTopic ? delivery.cardCallbackUrl : null;
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

  // --- Publishing ---------------------------------------------------------------------------

  function startEvent(record: EventRecord) {
    for (const transport of record.transports) {
      if (transport === 'stream') deliverStreamEvent(record);
      else enqueueHttpEvent(record);
    }
  }

  /** Like publishCallback, but also says whether any client took the callback (an ACK may carry no data). */
  async function deliverCallback({ topic, data }: { topic: string; data: unknown }): Promise<{ delivered: boolean; response: unknown }> {
    const record: EventRecord = {
      id: `cb_${randomBytes(10).toString('hex')}`,
      kind: 'callback',
      eventId: null,
      eventType: null,
      topic,
      corpId: app.corpId,
      bornAt: now(),
      data,
      httpBody: data,
      transports: transportsOf(delivery.mode),
      delivery: {},
      status: 'pending',
      attempts: [],
      response: null,
    };
    records.add(record);
    const results = await Promise.all(record.transports.map((transport) => (transport === 'stream' ? deliverStreamCallback(record) : deliverHttpCallback(record))));
    const answered = results.find((result) => result.delivered);
    record.response = answered?.response ?? null;
    return { delivered: answered !== undefined, response: record.response };
  }

  return {
    /** The Stream gateway's connections. */
    stream: hub,

    /** Let the gateway see the sandbox's fault settings (dropped connections, latency). */
    useFaults(source: () => StreamFaults) {
      faults = source;
    },

    /**
     * Publish an org or approval event. `data` is the Stream shape; the HTTP body is derived
     * (see event-payloads) unless `httpBody` is given. Delivery starts at once.
     */
    publishEvent({ eventType, data, corpId = app.corpId, httpBody }: { eventType: string; data: unknown; corpId?: string; httpBody?: unknown }): { eventId: string; bornAt: number } {
      const eventId = newEventId();
      const record: EventRecord = {
        id: eventId,
        kind: 'event',
        eventId,
        eventType,
        topic: '*',
        corpId,
        bornAt: now(),
        data,
        httpBody: httpBody ?? httpEventBody({ eventType, corpId, data }),
        transports: transportsOf(delivery.mode),
        delivery: {},
        status: 'pending',
        attempts: [],
        response: null,
      };
      records.add(record);
      startEvent(record);
      return { eventId, bornAt: record.bornAt };
    },

    /**
     * Push a robot message or a card click. Resolves with the app's answer: the ACK's `response`
     * over Stream (preferred when both transports are on), the HTTP response body over HTTP, or
     * null when nothing answered.
     */
    async publishCallback(input: { topic: string; data: unknown }): Promise<unknown> {
      return (await deliverCallback(input)).response;
    },

    deliverCallback,

    /** Send an event again (same eventId, new messageId), whatever its status. */
    redeliver(id: string): boolean {
      const record = records.get(id);
      if (!record || record.kind !== 'event') return false;
      startEvent(record);
      return true;
    },

    list: (filter?: EventFilter) => records.list(filter),
    get: (id: string) => {
      const record = records.get(id);
      return record ? structuredClone(record) : undefined;
    },

    delivery: (): EventDeliveryConfig => ({ ...delivery }),

    /** Change how events are delivered; events waiting for an HTTP URL go out once one is set. */
    configure(change: Partial<EventDeliveryConfig>): EventDeliveryConfig {
      delivery = validDelivery({ ...delivery, ...change });
      for (const id of [...httpWaiting]) {
        const record = records.get(id);
        if (record) enqueueHttpEvent(record);
      }
      return { ...delivery };
    },

    /** DingTalk's check when a callback URL is saved: push `{"EventType":"check_url"}` and expect "success". */
    checkCallbackUrl({ url, token, aesKey }: { url: string; token: string; aesKey: string }): Promise<HttpOutcome> {
      return pushEncryptedEvent({ url, plain: JSON.stringify({ EventType: 'check_url' }), token, aesKey, ownerKey: app.clientId, now: now(), timeoutMs: settings.httpTimeoutMs });
    },

    settings: (): EventBusSettings => ({ ...settings }),

    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      hub.close();
    },
  };
}
