import type { DeliveryContext } from './delivery-context';
import type { EventRecord } from './event-records';
import { callbackFrame, eventFrame, parseAckData } from './stream-frames';
import { createStreamHub, type StreamFaults } from './stream-hub';

/**
 * Events and callbacks over Stream. Events wait for a connection and are sent again after LATER or
 * a missed ACK, with the same eventId; callbacks go out once to a connection subscribed to their topic.
 */
export function createStreamDelivery(context: DeliveryContext, { unifiedAppId, faults }: { unifiedAppId: string; faults: () => StreamFaults }) {
  const { app, now, settings, log, records, attempt, answer } = context;
  const queue = new Set<string>();

  const hub = createStreamHub({
    app,
    now,
    settings,
    faults,
    log,
    onConnected: () => {
      for (const id of [...queue]) {
        const record = records.get(id);
        if (record) deliverEvent(record);
      }
    },
  });

  function deliverEvent(record: EventRecord) {
    const target = hub.pick('EVENT', '*');
    if (!target) {
      records.setStatus(record, 'stream', 'pending');
      queue.add(record.id);
      return;
    }
    queue.delete(record.id);
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
        return retryEvent(record, settings.laterRetryMs);
      }
      answer(sent, result.outcome === 'sent' ? 'timeout' : result.outcome);
      retryEvent(record, 0);
    });
  }

  function retryEvent(record: EventRecord, delayMs: number) {
    if (record.delivery.stream === 'acked') return;
    if (context.attemptsOver(record, 'stream') >= settings.maxStreamAttempts) {
      records.setStatus(record, 'stream', 'failed');
      log?.warn({ eventId: record.eventId }, 'Sandbox gave up delivering an event over Stream');
      return;
    }
    records.setStatus(record, 'stream', 'pending');
    context.later(delayMs, () => deliverEvent(record));
  }

  async function deliverCallback(record: EventRecord): Promise<{ delivered: boolean; response: unknown }> {
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

  return { hub, deliverEvent, deliverCallback };
}
