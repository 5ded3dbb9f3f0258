import type { FastifyInstance } from 'fastify';
import { cardCallbackTopic, robotMessageTopic, startStreamTransport, type StreamTransport } from '../../../dingtalk/stream';
import { robotMessageKey, streamCardCallbackKey, streamEventKey } from './event-keys';

const asObject = (data: unknown): Record<string, unknown> => (data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : { raw: data });

/**
 * Stream mode: one WebSocket to DingTalk (or the sandbox). Each event and callback is recorded in the
 * inbox before it is ACKed; if recording fails the event is answered LATER and DingTalk sends it again.
 */
export function connectStream(app: FastifyInstance, openConnectionUrl: string): StreamTransport {
  const { clientId, clientSecret } = app.deps.config.dingtalk;
  return startStreamTransport({
    clientId,
    clientSecret,
    openConnectionUrl,
    callbackTopics: [robotMessageTopic, cardCallbackTopic],
    log: app.log.child({ module: 'stream' }) as never,
    async onEvent(event) {
      const payload = { ...asObject(event.data), eventType: event.eventType, corpId: event.corpId, bornAt: event.bornAt };
      await app.inbox.receive({ eventKey: streamEventKey(event.eventId), transport: 'stream', kind: 'event', topic: event.eventType, payload });
      return 'SUCCESS';
    },
    async onCallback(callback) {
      const payload = asObject(callback.data);
      const eventKey = callback.topic === robotMessageTopic ? robotMessageKey(payload, callback.messageId) : streamCardCallbackKey(callback.messageId);
      await app.inbox.receive({ eventKey, transport: 'stream', kind: 'callback', topic: callback.topic, payload });
      // Card updates go through the outbox once the click is handled, so the ACK changes nothing.
      return null;
    },
  });
}
