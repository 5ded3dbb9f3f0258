import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { SandboxApp } from '../types';
import { createStreamAcks, type SendOutcome } from './stream-acks';
import { disconnectFrame, parseUpstream, pingFrame, type DownstreamFrame, type Subscription } from './stream-frames';
import { createStreamTickets } from './stream-tickets';

// The Stream gateway's connection side: one-time tickets from connections/open, the open
// WebSockets with what each subscribed to, frames out and ACKs back (matched by messageId, from
// whichever connection of the app sends them), SYSTEM pings and planned disconnects.

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

export type { SendOutcome } from './stream-acks';
export { ticketLifetimeMs } from './stream-tickets';

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

const isOpen = (connection: Connection) => connection.socket.readyState === WebSocket.OPEN;

/** A SYSTEM ping to every open connection; a dropConnections fault closes them instead. */
function sendPings({ connections, pings, at, dropConnections }: { connections: Map<string, Connection>; pings: Map<string, string>; at: number; dropConnections: boolean }) {
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

const subscribes = (c: Connection, type: 'EVENT' | 'CALLBACK', topic: string) => c.subscriptions.some((s) => s.type === type && (s.topic === topic || (type === 'EVENT' && s.topic === '*')));

/** A connection as the console and tests see it. */
function summaryOf(c: Connection, awaitingAcks: number) {
  return { connectionId: c.connectionId, ua: c.ua, subscriptions: c.subscriptions, openedAt: c.openedAt, lastPingAt: c.lastPingAt, lastEchoAt: c.lastEchoAt, closing: c.closing, awaitingAcks };
}

function newConnection(socket: WebSocket, registration: { subscriptions: Subscription[]; ua: string }, openedAt: number): Connection {
  return { connectionId: randomBytes(8).toString('hex'), socket, subscriptions: registration.subscriptions, ua: registration.ua, openedAt, lastPingAt: null, lastEchoAt: null, closing: false };
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
  const tickets = createStreamTickets(now);
  const acks = createStreamAcks();
  const connections = new Map<string, Connection>();
  const pings = new Map<string, string>();
  let pingTimer: NodeJS.Timeout | undefined;

  function handleUpstream(connection: Connection, raw: string) {
    const frame = parseUpstream(raw);
    const messageId = typeof frame?.headers.messageId === 'string' ? frame.headers.messageId : undefined;
    if (!frame || !messageId) return;
    if (pings.delete(messageId)) connection.lastEchoAt = now();
    else acks.acked(messageId, frame);
  }

  function dropConnection(connection: Connection) {
    connections.delete(connection.connectionId);
    acks.closed(connection.connectionId);
    if (connections.size === 0) {
      clearInterval(pingTimer);
      pingTimer = undefined;
    }
  }

  return {
    issueTicket: tickets.issueTicket,
    consumeTicket: tickets.consumeTicket,

    /** Take over an upgraded socket opened with a valid ticket. */
    accept(socket: WebSocket, registration: { subscriptions: Subscription[]; ua: string }) {
      const connection = newConnection(socket, registration, now());
      connections.set(connection.connectionId, connection);
      socket.on('message', (data) => handleUpstream(connection, data.toString()));
      socket.on('close', () => dropConnection(connection));
      socket.on('error', (error) => log?.debug({ err: error, connectionId: connection.connectionId }, 'Stream socket error'));
      if (faults().dropConnections) {
        socket.terminate();
        return;
      }
      pingTimer ??= setInterval(() => sendPings({ connections, pings, at: now(), dropConnections: faults().dropConnections }), settings.pingIntervalMs);
      pingTimer.unref();
      log?.debug({ connectionId: connection.connectionId, ua: connection.ua }, 'Stream client connected');
      onConnected();
    },

    /** A random open connection subscribed to `type`/`topic`, as DingTalk picks one per push. */
    pick(type: 'EVENT' | 'CALLBACK', topic: string): { connectionId: string } | null {
      const candidates = [...connections.values()].filter((c) => isOpen(c) && !c.closing && subscribes(c, type, topic));
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
      if (latencyMs > 0) await new Promise((resolve) => acks.later(latencyMs, () => resolve(undefined)));
      const connection = connections.get(connectionId);
      if (!connection || !isOpen(connection)) return { outcome: 'closed' };
      const messageId = frame.headers.messageId!;
      const outcome = ackTimeoutMs === null ? Promise.resolve<SendOutcome>({ outcome: 'sent' }) : acks.wait(messageId, connectionId, ackTimeoutMs);
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
        acks.later(settings.disconnectGraceMs, () => connection.socket.close(1000, 'disconnect'));
        count += 1;
      }
      return count;
    },

    list: () => [...connections.values()].map((connection) => summaryOf(connection, acks.awaiting(connection.connectionId))),

    /** The app the gateway serves; frames carry its id. */
    appId: app.clientId,

    close() {
      clearInterval(pingTimer);
      acks.close();
      for (const connection of [...connections.values()]) {
        connection.socket.terminate();
        dropConnection(connection);
      }
      tickets.clear();
    },
  };
}
