import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { sendInvalidBody, sendProblem } from '../replies';
import type { SandboxState } from '../state';

const listQuery = z.object({
  kind: z.enum(['event', 'callback']).optional(),
  eventType: z.string().optional(),
  topic: z.string().optional(),
  status: z.enum(['pending', 'delivered', 'acked', 'failed']).optional(),
});

const nullableUrl = z.url({ protocol: /^https?$/ }).nullable().optional();

const deliveryBody = z.object({
  mode: z.enum(['stream', 'http', 'both']).optional(),
  callbackUrl: nullableUrl,
  robotUrl: nullableUrl,
  cardCallbackUrl: nullableUrl,
  token: z.string().min(1).nullable().optional(),
  aesKey: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey')
    .nullable()
    .optional(),
});

const disconnectBody = z.object({ connectionId: z.string().optional(), reason: z.string().max(200).default('connection is expired') });

/**
 * What the sandbox pushed and how: events and callbacks with their delivery attempts, the
 * delivery settings (Stream, HTTP callback or both), and the open Stream connections.
 */
export const eventRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { events } = state;

  app.get('/events', async (request, reply) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success) return sendInvalidBody(request, reply, query.error);
    return { events: events.list(query.data) };
  });

  app.get<{ Params: { id: string } }>('/events/:id', async (request, reply) => {
    const record = events.get(request.params.id);
    if (!record) return sendProblem(request, reply, { status: 404, code: 'sandbox.event_not_found', title: 'Not Found', detail: `No event "${request.params.id}"` });
    return record;
  });

  /** Push an event again with the same eventId, as DingTalk does after a lost ACK. */
  app.post<{ Params: { id: string } }>('/events/:id/redeliver', async (request, reply) => {
    if (!events.redeliver(request.params.id)) {
      return sendProblem(request, reply, { status: 404, code: 'sandbox.event_not_found', title: 'Not Found', detail: `No event "${request.params.id}" to redeliver` });
    }
    return reply.status(202).send({ eventId: request.params.id });
  });

  app.get('/event-delivery', async () => events.delivery());

  /**
   * Change the delivery settings. A new callback URL is checked first, as DingTalk's console
   * does: it must answer an encrypted `check_url` push with the encrypted word "success".
   */
  app.put('/event-delivery', async (request, reply) => {
    const body = deliveryBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    const next = { ...events.delivery(), ...stripUndefined(body.data) };
    const isNewUrl = body.data.callbackUrl && body.data.callbackUrl !== events.delivery().callbackUrl;
    if (isNewUrl && next.mode !== 'stream') {
      if (!next.token || !next.aesKey) {
        return sendProblem(request, reply, { status: 400, code: 'sandbox.invalid_request', title: 'Bad Request', detail: 'An HTTP callback URL needs a token and an aesKey' });
      }
      const check = await events.checkCallbackUrl({ url: next.callbackUrl!, token: next.token, aesKey: next.aesKey });
      if (!check.ok) {
        return sendProblem(request, reply, { status: 422, code: 'sandbox.callback_check_failed', title: 'Unprocessable Content', detail: `The callback URL failed the check_url push: ${check.detail}` });
      }
    }
    return events.configure(next);
  });

  app.get('/stream/connections', async () => ({ connections: events.stream.list() }));

  /** Send the SYSTEM `disconnect` notice (to one connection or all); sockets close after the grace period. */
  app.post('/stream/disconnect', async (request, reply) => {
    const body = disconnectBody.safeParse(request.body ?? {});
    if (!body.success) return sendInvalidBody(request, reply, body.error);
    return { disconnected: events.stream.disconnect(body.data) };
  });
};

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
