import type { DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from 'pino';
import type { GatewayStreamClient, StreamEventAck } from './stream-client';

export { cardCallbackTopic, robotMessageTopic } from './stream-topics';

// DingTalk Stream mode: one WebSocket to DingTalk's gateway carries org/approval events (EVENT,
// which DingTalk redelivers until they are ACKed SUCCESS) and robot messages and card clicks
// (CALLBACK, answered with a response object). This adapter hands each frame to the caller and
// ACKs only after the caller is done with it.

export interface StreamEvent {
  /** DingTalk's event id; stays the same when an event is delivered again. Dedupe on it. */
  eventId: string;
  /** e.g. 'user_add_org', 'bpms_instance_change'. */
  eventType: string;
  corpId: string;
  /** When DingTalk created the event, epoch ms. */
  bornAt: number;
  /** The parsed `data` (camelCase keys, e.g. `{ userId: [...], timeStamp }`); the raw string if it is not JSON. */
  data: unknown;
  /** This delivery's frame id; a redelivery gets a new one. */
  messageId: string;
}

export interface StreamCallback {
  topic: string;
  /** This delivery's frame id. Robot messages carry their own `msgId` in `data`; card clicks their `outTrackId`. */
  messageId: string;
  data: unknown;
}

export interface StreamTransportOptions {
  /** AppKey. */
  clientId: string;
  /** AppSecret. */
  clientSecret: string;
  /** Full URL of `connections/open`; DingTalk's own when omitted. The sandbox gives its own. */
  openConnectionUrl?: string;
  /** CALLBACK topics to receive, e.g. `robotMessageTopic`, `cardCallbackTopic`. Events (`*`) always come. */
  callbackTopics: string[];
  /** Record the event; resolve 'SUCCESS' once it is safe, 'LATER' to have DingTalk send it again. A throw counts as 'LATER'. */
  onEvent(event: StreamEvent): Promise<'SUCCESS' | 'LATER'>;
  /** Handle a callback; the resolved value is the ACK's `data.response` (a card update, or null). */
  onCallback(callback: StreamCallback): Promise<unknown>;
  log?: Logger;
  /** Pause before re-registering after a lost connection. Default 1 s, as the SDK. */
  reconnectMs?: number;
  /** Client-side WebSocket ping interval. Default 10 s. */
  keepAliveMs?: number;
  /** Timeout of the connections/open call. Default 10 s. */
  requestTimeoutMs?: number;
}

export interface StreamTransport {
  /** Stop for good: no more reconnects; resolves when the socket is closed. */
  close(): Promise<void>;
  isConnected(): boolean;
  /** Resolves on the first successful connection; rejects if closed before that. */
  connected(): Promise<void>;
}

export function startStreamTransport(options: StreamTransportOptions): StreamTransport {
  const log = options.log?.child({ module: 'dingtalk-stream' });
  let markConnected!: () => void;
  let markClosed!: (error: Error) => void;
  const firstConnection = new Promise<void>((resolve, reject) => {
    markConnected = resolve;
    markClosed = reject;
  });
  // Nobody may be waiting on `connected()`; a close before connecting must not be an unhandled rejection.
  firstConnection.catch(() => undefined);

  async function handleEventFrame(frame: DWClientDownStream): Promise<StreamEventAck> {
    const event: StreamEvent = {
      eventId: frame.headers.eventId ?? '',
      eventType: frame.headers.eventType ?? '',
      corpId: frame.headers.eventCorpId ?? '',
      bornAt: Number(frame.headers.eventBornTime ?? frame.headers.time ?? 0),
      data: parseData(frame.data),
      messageId: frame.headers.messageId,
    };
    try {
      const status = await options.onEvent(event);
      return { status: status === 'SUCCESS' ? 'SUCCESS' : 'LATER', message: status === 'SUCCESS' ? 'success' : 'later' };
    } catch (error) {
      log?.warn({ err: error, eventId: event.eventId, eventType: event.eventType }, 'Stream event handler failed; asked for redelivery');
      return { status: 'LATER', message: 'handler failed' };
    }
  }

  async function handleCallbackFrame(frame: DWClientDownStream): Promise<{ response: unknown } | { failed: string }> {
    const callback: StreamCallback = { topic: frame.headers.topic, messageId: frame.headers.messageId, data: parseData(frame.data) };
    try {
      return { response: (await options.onCallback(callback)) ?? null };
    } catch (error) {
      log?.warn({ err: error, topic: callback.topic, messageId: callback.messageId }, 'Stream callback handler failed');
      return { failed: 'internal error' };
    }
  }

  // The Stream SDK (and the HTTP client it brings) is loaded here, not at server start: it is off
  // the start-up path, and the connection is made in the background either way.
  let closed = false;
  let client: GatewayStreamClient | null = null;
  const loading = Promise.all([import('./stream-client'), import('dingtalk-stream')]).then(
    ([{ GatewayStreamClient }, { GATEWAY_URL }]) => {
      if (closed) return;
      client = new GatewayStreamClient({
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        openConnectionUrl: options.openConnectionUrl ?? GATEWAY_URL,
        callbackTopics: options.callbackTopics,
        onEventFrame: handleEventFrame,
        onCallbackFrame: handleCallbackFrame,
        log,
        keepAliveMs: options.keepAliveMs ?? 10_000,
        reconnectMs: options.reconnectMs ?? 1000,
        requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
        onOpen: () => markConnected(),
      });
      void client.connect();
    },
    (error: unknown) => {
      log?.error({ err: error }, 'Could not load the DingTalk Stream client');
      markClosed(error instanceof Error ? error : new Error(String(error)));
    },
  );

  return {
    async close() {
      closed = true;
      markClosed(new Error('The Stream transport was closed before it connected'));
      await loading;
      await client?.close();
    },
    isConnected: () => client?.isOpen() ?? false,
    connected: () => firstConnection,
  };
}

function parseData(data: string | undefined): unknown {
  if (data === undefined) return null;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
