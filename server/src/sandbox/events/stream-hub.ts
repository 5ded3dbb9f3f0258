import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { SandboxApp } from '../types';
import { disconnectFrame, parseUpstream, pingFrame, type DownstreamFrame, type Subscription, type UpstreamFrame } from './stream-frames';

// The Stream gateway's connection side: one-time tickets from connections/open, the open
// WebSockets with what each subscribed to, frames out and ACKs back (matched by messageId, from
// whichever connection of the app sends them), SYSTEM pings and planned disconnects.

/** A ticket opens one connection and lives 90 s. */
export const ticketLifetimeMs = 90_000;

export interface StreamHubSettings {
  /** SYSTEM ping to every connection this often. */
  pingIntervalMs: number;
  /** After a `disconnect` notice the socket is closed this much later (DingTalk: about 10 s). */
  disconnectGraceMs: number;
}

/** The sandbox fault settings that concern a WebSocket. */
export interface StreamFaults {
  /** Close sockets instead of sending, and right after they open. */
  dropConnections: boolean;
  /** Delay before each frame is sent. */
  latencyMs: number;
}

export type SendOutcome = { outcome: 'ack'; frame: UpstreamFrame } | { outcome: 'sent' | 'timeout' | 'closed' | 'dropped' };

interface Connection {
  connectionId: string;
  socket: WebSocket;
  subscriptions: Subscription[];
  ua: string;
  openedAt: number;
  lastPingAt: number | null;
  lastEchoAt: number | null;
  /** Told to go away: gets no new frames. */
  closing: boolean;
}

interface PendingAck {
  connectionId: string;
  resolve(outcome: SendOutcome): void;
  timer: NodeJS.Timeout;
}

export type StreamHub = ReturnType<typeof createStreamHub>;

export function createStreamHub({
  app,
  now,
  settings,
  faults,
  log,
  onConnected,
}: {
  app: SandboxApp;
  now: () => number;
  settings: StreamHubSettings;
  faults: () => StreamFaults;
  log?: Logger;
  onConnected(): void;
}) {
  const tickets = new Map<string, { subscriptions: Subscription[]; ua: string; expiresAt: number }>();
  const connections = new Map<string, Connection>();
  const pending = new Map<string, PendingAck>();
  const pings = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();
  let pingTimer: NodeJS.Timeout | undefined;

  function later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    timers.add(timer);
    return timer;
  }

  const isOpen = (connection: Connection) => connection.socket.readyState === WebSocket.OPEN;

  function handleUpstream(connection: Connection, raw: string) {
    const frame = parseUpstream(raw);
    const messageId = typeof frame?.headers.messageId === 'string' ? frame.headers.messageId : undefined;
    if (!frame || !messageId) return;
    if (pings.has(messageId)) {
      pings.delete(messageId);
      connection.lastEchoAt = now();
      return;
    }
    const waiting = pending.get(messageId);
    if (!waiting) return; // a late or duplicate ACK
    pending.delete(messageId);
    clearTimeout(waiting.timer);
    timers.delete(waiting.timer);
    waiting.resolve({ outcome: 'ack', frame });
  }

  function dropConnection(connection: Connection) {
    connections.delete(connection.connectionId);
    for (const [messageId, waiting] of pending) {
      if (waiting.connectionId !== connection.connectionId) continue;
      pending.delete(messageId);
      clearTimeout(waiting.timer);
      timers.delete(waiting.timer);
      waiting.resolve({ outcome: 'closed' });
    }
    if (connections.size === 0) {
      clearInterval(pingTimer);
      pingTimer = undefined;
    }
  }

  function sendPings() {
    const at = now();
    const { dropConnections } = faults();
    for (const connection of connections.values()) {
      if (!isOpen(connection)) continue;
      // A dropConnections fault also reaches idle connections, at the next ping round.
      if (dropConnections) {
        connection.socket.terminate();
        continue;
      }
      const frame = pingFrame(at);
      pings.set(frame.headers.messageId!, connection.connectionId);
      connection.lastPingAt = at;
      connection.socket.send(JSON.stringify(frame));
    }
    // An unanswered ping is only visible in lastEchoAt; forget ids older than one round.
    if (pings.size > connections.size * 2) pings.clear();
  }

  return {
    /** connections/open: a single-use ticket for the subscriptions the client asked for. */
    issueTicket({ subscriptions, ua }: { subscriptions: Subscription[]; ua: string }): { ticket: string } {
      const at = now();
      for (const [ticket, entry] of tickets) if (entry.expiresAt <= at) tickets.delete(ticket);
      const ticket = randomUUID();
      tickets.set(ticket, { subscriptions, ua, expiresAt: at + ticketLifetimeMs });
      return { ticket };
    },

    /** True when the ticket is valid; it is used up either way. */
    consumeTicket(ticket: string): { subscriptions: Subscription[]; ua: string } | null {
      const entry = tickets.get(ticket);
      tickets.delete(ticket);
      return entry && entry.expiresAt > now() ? { subscriptions: entry.subscriptions, ua: entry.ua } : null;
    },

    /** Take over an upgraded socket opened with a valid ticket. */
    accept(socket: WebSocket, registration: { subscriptions: Subscription[]; ua: string }) {
      const connection: Connection = {
        connectionId: randomBytes(8).toString('hex'),
        socket,
        subscriptions: registration.subscriptions,
        ua: registration.ua,
        openedAt: now(),
        lastPingAt: null,
        lastEchoAt: null,
        closing: false,
      };
      connections.set(connection.connectionId, connection);
      socket.on('message', (data) => handleUpstream(connection, data.toString()));
      socket.on('close', () => dropConnection(connection));
      socket.on('error', (error) => log?.debug({ err: error, connectionId: connection.connectionId }, 'Stream socket error'));
      if (faults().dropConnections) {
        socket.terminate();
        return;
      }
      pingTimer ??= setInterval(sendPings, settings.pingIntervalMs);
      pingTimer.unref();
      log?.debug({ connectionId: connection.connectionId, ua: connection.ua }, 'Stream client connected');
      onConnected();
    },

    /** A random open connection subscribed to `type`/`topic`, as DingTalk picks one per push. */
    pick(type: 'EVENT' | 'CALLBACK', topic: string): { connectionId: string } | null {
      const candidates = [...connections.values()].filter(
        (c) => isOpen(c) && !c.closing && c.subscriptions.some((s) => s.type === type && (s.topic === topic || (type === 'EVENT' && s.topic === '*'))),
      );
      const chosen = candidates[Math.floor(Math.random() * candidates.length)];
      return chosen ? { connectionId: chosen.connectionId } : null;
    },

    /**
     * Send one frame on a connection and wait for its ACK (or not, with `ackTimeoutMs` null).
     * Fault settings apply here: latency delays the frame, dropConnections closes the socket.
     */
    async send(connectionId: string, frame: DownstreamFrame, ackTimeoutMs: number | null): Promise<SendOutcome> {
      const { dropConnections, latencyMs } = faults();
      const target = connections.get(connectionId);
      if (target && dropConnections) {
        target.socket.terminate();
        return { outcome: 'dropped' };
      }
      if (latencyMs > 0) await new Promise((resolve) => later(latencyMs, () => resolve(undefined)));
      const connection = connections.get(connectionId);
      if (!connection || !isOpen(connection)) return { outcome: 'closed' };
      const messageId = frame.headers.messageId!;
      const outcome =
        ackTimeoutMs === null
          ? Promise.resolve<SendOutcome>({ outcome: 'sent' })
          : new Promise<SendOutcome>((resolve) => {
              const timer = later(ackTimeoutMs, () => {
                pending.delete(messageId);
                resolve({ outcome: 'timeout' });
              });
              pending.set(messageId, { connectionId, resolve, timer });
            });
      connection.socket.send(JSON.stringify(frame));
      return outcome;
    },

    /** Announce a planned disconnect to one connection or all, then close them after the grace period. */
    disconnect({ connectionId, reason }: { connectionId?: string; reason: string }): number {
      let count = 0;
      for (const connection of connections.values()) {
        if (connectionId && connection.connectionId !== connectionId) continue;
        if (!isOpen(connection) || connection.closing) continue;
        connection.closing = true;
        connection.socket.send(JSON.stringify(disconnectFrame(now(), reason)));
        later(settings.disconnectGraceMs, () => connection.socket.close(1000, 'disconnect'));
        count += 1;
      }
      return count;
    },

    list() {
      return [...connections.values()].map((c) => ({
        connectionId: c.connectionId,
        ua: c.ua,
        subscriptions: c.subscriptions,
        openedAt: c.openedAt,
        lastPingAt: c.lastPingAt,
        lastEchoAt: c.lastEchoAt,
        closing: c.closing,
        awaitingAcks: [...pending.values()].filter((p) => p.connectionId === c.connectionId).length,
      }));
    },

    /** The app the gateway serves; frames carry its id. */
    appId: app.clientId,

    close() {
      clearInterval(pingTimer);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const connection of [...connections.values()]) {
        connection.socket.terminate();
        dropConnection(connection);
      }
      tickets.clear();
    },
  };
}
