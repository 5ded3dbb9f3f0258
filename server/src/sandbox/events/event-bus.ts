import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { SandboxApp } from '../types';
import { createDeliveryContext } from './delivery-context';
import { httpEventBody } from './event-payloads';
import { createEventRecords, transportsOf, type DeliveryMode, type EventFilter, type EventRecord } from './event-records';
import { defaultEventBusSettings, defaultEventDelivery, validDelivery, type EventBusSettings, type EventDeliveryConfig } from './event-settings';
import { pushEncryptedEvent, type HttpOutcome } from './http-delivery';
import { createHttpEventDelivery } from './http-event-delivery';
import { createStreamDelivery } from './stream-delivery';
import { newEventId } from './stream-frames';
import type { StreamFaults } from './stream-hub';

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

/** A record for an event or a callback, before its first attempt. */
function newRecord(fields: Pick<EventRecord, 'id' | 'kind' | 'eventId' | 'eventType' | 'topic' | 'corpId' | 'bornAt' | 'data' | 'httpBody'>, mode: DeliveryMode): EventRecord {
  return { ...fields, transports: transportsOf(mode), delivery: {}, status: 'pending', attempts: [], response: null };
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
  let faults: () => StreamFaults = () => ({ dropConnections: false, latencyMs: 0 });
  const context = createDeliveryContext({ app, now, settings, log, records });
  const stream = createStreamDelivery(context, { unifiedAppId, faults: () => faults() });
  const http = createHttpEventDelivery(context, () => delivery);

  function startEvent(record: EventRecord) {
    for (const transport of record.transports) {
      if (transport === 'stream') stream.deliverEvent(record);
      else http.enqueueEvent(record);
    }
  }

  /** Like publishCallback, but also says whether any client took the callback (an ACK may carry no data). */
  async function deliverCallback({ topic, data }: { topic: string; data: unknown }): Promise<{ delivered: boolean; response: unknown }> {
    const id = `cb_${randomBytes(10).toString('hex')}`;
    const record = newRecord({ id, kind: 'callback', eventId: null, eventType: null, topic, corpId: app.corpId, bornAt: now(), data, httpBody: data }, delivery.mode);
    records.add(record);
    const results = await Promise.all(record.transports.map((transport) => (transport === 'stream' ? stream.deliverCallback(record) : http.deliverCallback(record))));
    const answered = results.find((result) => result.delivered);
    record.response = answered?.response ?? null;
    return { delivered: answered !== undefined, response: record.response };
  }

  return {
    /** The Stream gateway's connections. */
    stream: stream.hub,

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
      const record = newRecord({ id: eventId, kind: 'event', eventId, eventType, topic: '*', corpId, bornAt: now(), data, httpBody: httpBody ?? httpEventBody({ eventType, corpId, data }) }, delivery.mode);
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
      http.sendWaiting();
      return { ...delivery };
    },

    /** DingTalk's check when a callback URL is saved: push `{"EventType":"check_url"}` and expect "success". */
    checkCallbackUrl({ url, token, aesKey }: { url: string; token: string; aesKey: string }): Promise<HttpOutcome> {
      return pushEncryptedEvent({ url, plain: JSON.stringify({ EventType: 'check_url' }), token, aesKey, ownerKey: app.clientId, now: now(), timeoutMs: settings.httpTimeoutMs });
    },

    settings: (): EventBusSettings => ({ ...settings }),

    close() {
      context.close();
      stream.hub.close();
    },
  };
}
