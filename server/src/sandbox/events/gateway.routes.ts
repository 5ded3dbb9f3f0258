import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { sendV1Failure } from '../replies';
import type { SandboxState } from '../state';

const openBody = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  subscriptions: z.array(z.object({ type: z.string(), topic: z.string() })).default([{ type: 'EVENT', topic: '*' }]),
  ua: z.string().optional(),
  localIp: z.string().optional(),
});

/**
 * The Stream gateway: `POST /v1.0/gateway/connections/open` hands out a one-time ticket, and
 * `GET /connect?ticket=` upgrades to the WebSocket that carries events and callbacks. Both live on
 * the sandbox's own port, so the returned endpoint is `ws://<host>/connect`.
 */
export const gatewayRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const hub = state.events.stream;
  // Dropped connections and latency from the sandbox's fault settings apply to the WebSocket too.
  state.events.useFaults(() => {
    const { dropConnections, latencyMs } = state.faults.get();
    return { dropConnections, latencyMs };
  });

  app.post('/v1.0/gateway/connections/open', async (request, reply) => {
    const body = openBody.safeParse(request.body ?? {});
    if (!body.success) {
      const field = body.error.issues[0]?.path.join('.') || 'body';
      return sendV1Failure(reply, 400, `MissingParameter.${field}`, `${field} is mandatory for this action.`);
    }
    if (body.data.clientId !== state.app.clientId || body.data.clientSecret !== state.app.clientSecret) {
      return sendV1Failure(reply, 401, 'authFailed', '鉴权失败');
    }
    // EVENT subscriptions only take the topic `*`: which events arrive is set in the console.
    const subscriptions = body.data.subscriptions.filter((s) => s.type !== 'EVENT' || s.topic === '*');
    const { ticket } = hub.issueTicket({ subscriptions, ua: body.data.ua ?? '' });
    return { endpoint: `ws://${request.host}/connect`, ticket };
  });

  const sockets = new WebSocketServer({ noServer: true });

  const refuse = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    state.requests.record('GET', url.pathname);
    if (url.pathname !== '/connect') return refuse(socket, '404 Not Found');
    const registration = hub.consumeTicket(url.searchParams.get('ticket') ?? '');
    if (!registration) return refuse(socket, '401 Unauthorized');
    sockets.handleUpgrade(request, socket, head, (webSocket) => hub.accept(webSocket, registration));
  };

  app.server.on('upgrade', onUpgrade);
  // Upgraded sockets keep the HTTP server from closing: end them before it closes.
  app.addHook('preClose', async () => {
    app.server.off('upgrade', onUpgrade);
    state.events.close();
    sockets.close();
  });
};
