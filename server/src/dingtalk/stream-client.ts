import { DWClient, type DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from 'pino';
import WebSocket from 'ws';

// The official Stream client (dingtalk-stream 2.1.5), adjusted where it cannot be configured:
// - its gateway URL is a module constant, so `getEndpoint()` asks the URL we are given;
// - it logs with `console`, so the socket lifecycle (`_connect`, `disconnect`) and `printDebug`
//   are re-implemented here with our logger;
// - its reconnect timer survives `disconnect()` and `_connect()` clears the "user disconnected"
//   flag, so a close during a reconnect could open a new socket; `closed` guards every path;
// - it ACKs an EVENT synchronously with whatever the listener returned, so `onEvent` is replaced
//   by one that ACKs after the async handler settled.
// Frame parsing (`onDownStream`, `onSystem` with its ping echo), subscriptions and the ACK frame
// format (`send`, `socketCallBackResponse`) stay the SDK's.

/** The SDK fields our overrides share with its own methods (TypeScript-private, public at runtime). */
interface SdkInternals {
  socket?: WebSocket;
  dw_url?: string;
  userDisconnect: boolean;
  reconnectInterval: number;
}

export interface StreamEventAck {
  status: 'SUCCESS' | 'LATER';
  message?: string;
}

export interface GatewayStreamClientOptions {
  clientId: string;
  clientSecret: string;
  openConnectionUrl: string;
  /** CALLBACK topics to subscribe to, besides every EVENT (topic `*`). */
  callbackTopics: readonly string[];
  onEventFrame(frame: DWClientDownStream): Promise<StreamEventAck>;
  onCallbackFrame(frame: DWClientDownStream): Promise<{ response: unknown } | { failed: string }>;
  log?: Logger;
  /** Client-side WebSocket ping interval; a missing pong closes the socket. */
  keepAliveMs: number;
  /** Pause before re-registering after a close or a failed connect. */
  reconnectMs: number;
  /** Timeout of the connections/open call. */
  requestTimeoutMs: number;
  onOpen(): void;
}

const userAgent = 'dingtalk-sdk-nodejs/2.1.5';

export class GatewayStreamClient extends DWClient {
  private readonly options: GatewayStreamClientOptions;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  /** Every socket not yet closed: the current one, and one draining after a `disconnect` notice. */
  private readonly sockets = new Set<WebSocket>();

  constructor(options: GatewayStreamClientOptions) {
    // Pass our own subscriptions array: the SDK's default one is a shared module-level object,
    // and `registerCallbackListener` pushes into it, which would leak topics between clients.
    const config = { clientId: options.clientId, clientSecret: options.clientSecret, ua: userAgent, subscriptions: [{ type: 'EVENT', topic: '*' }] };
    super(config as ConstructorParameters<typeof DWClient>[0]);
    this.options = options;
    this.internals.reconnectInterval = options.reconnectMs;
    for (const topic of options.callbackTopics) {
      this.registerCallbackListener(topic, (frame) => void this.handleCallback(frame));
    }
  }

  private get internals(): SdkInternals {
    return this as unknown as SdkInternals;
  }

  private get log(): Logger | undefined {
    return this.options.log;
  }

  isOpen(): boolean {
    return !this.closed && this.internals.socket?.readyState === WebSocket.OPEN;
  }

  override printDebug(message: object | string): void {
    this.log?.trace({ detail: message }, 'Stream client debug');
  }

  /** Register with the gateway: POST connections/open, which hands back the socket URL and a one-time ticket. */
  override async getEndpoint(): Promise<this> {
    const response = await fetch(this.options.openConnectionUrl, {
      method: 'POST',
      // Without Accept the gateway may answer in XML.
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId: this.config.clientId, clientSecret: this.config.clientSecret, subscriptions: this.config.subscriptions, ua: userAgent }),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { endpoint?: unknown; ticket?: unknown; code?: unknown } | null;
    if (!response.ok || typeof body?.endpoint !== 'string' || typeof body.ticket !== 'string') {
      const code = typeof body?.code === 'string' ? body.code : `HTTP_${response.status}`;
      throw Object.assign(new Error(`Stream gateway refused to open a connection (${code})`), { code, status: response.status });
    }
    this.internals.dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
    return this;
  }

  override async connect(): Promise<void> {
    if (this.closed) return;
    try {
      await this.getEndpoint();
      if (this.closed) return;
      await this._connect();
    } catch (error) {
      if (this.closed) return;
      this.log?.warn({ err: error }, 'Stream connection failed; retrying');
      this.scheduleReconnect();
    }
  }

  override _connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const url = this.internals.dw_url;
      if (!url) return reject(new Error('No Stream endpoint yet'));
      const socket = new WebSocket(url);
      this.internals.socket = socket;
      this.sockets.add(socket);
      this.internals.userDisconnect = false;
      let isAlive = true;

      socket.on('open', () => {
        if (this.closed) return socket.close();
        this.connected = true;
        this.log?.info('Connected to the DingTalk Stream gateway');
        clearInterval(this.keepAliveTimer);
        this.keepAliveTimer = setInterval(() => {
          if (!isAlive) {
            this.log?.warn('Stream connection missed a heartbeat; closing it');
            return socket.terminate();
          }
          isAlive = false;
          socket.ping();
        }, this.options.keepAliveMs);
        this.keepAliveTimer.unref();
        this.options.onOpen();
        resolve();
      });
      socket.on('pong', () => {
        isAlive = true;
      });
      socket.on('message', (data) => {
        try {
          this.onDownStream(data.toString());
        } catch (error) {
          this.log?.warn({ err: error }, 'Ignored an unreadable Stream frame');
        }
      });
      socket.on('close', (code) => {
        this.sockets.delete(socket);
        if (this.internals.socket !== socket) return;
        clearInterval(this.keepAliveTimer);
        this.connected = false;
        this.registered = false;
        if (this.closed) return;
        this.log?.info({ code }, 'Stream connection closed; reconnecting');
        this.scheduleReconnect();
      });
      socket.on('error', (error) => {
        this.log?.warn({ err: error }, 'Stream socket error');
        socket.terminate();
        reject(error);
      });
    });
  }

  override disconnect(): void {
    this.closed = true;
    this.internals.userDisconnect = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.keepAliveTimer);
    for (const socket of this.sockets) socket.close();
  }

  /** Stop for good: no reconnect, every socket closed (terminated if the close handshake stalls). */
  async close(): Promise<void> {
    const open = [...this.sockets];
    this.disconnect();
    await Promise.all(open.map((socket) => closed(socket)));
  }

  /**
   * The gateway announces a planned disconnect about ten seconds ahead: register a new
   * connection at once and let the old one drain, instead of waiting for the close.
   */
  override onSystem(frame: DWClientDownStream): void {
    super.onSystem(frame);
    if (frame.headers.topic !== 'disconnect' || this.closed) return;
    const old = this.internals.socket;
    this.log?.info({ detail: frame.data }, 'Stream gateway announced a disconnect; reconnecting');
    void this.connect().then(() => {
      if (old && old !== this.internals.socket) old.close();
    });
  }

  override onEvent(frame: DWClientDownStream): void {
    void this.options.onEventFrame(frame).then((ack) => this.reply(frame.headers.messageId, ack));
  }

  private async handleCallback(frame: DWClientDownStream): Promise<void> {
    const outcome = await this.options.onCallbackFrame(frame);
    if ('failed' in outcome) {
      this.sendFrame({ code: 500, headers: { contentType: 'application/json', messageId: frame.headers.messageId }, message: outcome.failed, data: '{}' });
      return;
    }
    this.reply(frame.headers.messageId, { response: outcome.response ?? null }, true);
  }

  /** ACK through the SDK's own frame builders; a socket that is gone or reconnecting drops it. */
  private reply(messageId: string, value: unknown, isCallback = false): void {
    if (!this.isOpen()) {
      this.log?.debug({ messageId }, 'Stream ACK dropped: the connection is gone');
      return;
    }
    try {
      if (isCallback) this.socketCallBackResponse(messageId, (value as { response: unknown }).response);
      else this.send(messageId, value);
    } catch (error) {
      this.log?.warn({ err: error, messageId }, 'Failed to send a Stream ACK');
    }
  }

  private sendFrame(frame: object): void {
    if (!this.isOpen()) return;
    this.internals.socket?.send(JSON.stringify(frame));
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), this.internals.reconnectInterval);
  }
}

function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.terminate();
      resolve();
    }, 2000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
