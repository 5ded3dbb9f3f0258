import { commentBodySchema, createTicketBodySchema, listTicketsQuerySchema, ticketDetailSchema, ticketIdParamsSchema, ticketPageSchema, ticketSchema, transitionBodySchema } from '@dingops/shared/tickets';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../platform/audit';
import { type TicketActor, ticketActorOf, type TicketsService } from './tickets.service';

/** The auth hook already loaded the caller (with departments and roles) for this request. */
const actorOf = async (_app: FastifyInstance, request: FastifyRequest): Promise<TicketActor> => ticketActorOf(request.actor!);

export function setupCreateTicketRoute(app: FastifyInstance, service: TicketsService) {
  app.withTypeProvider<ZodTypeProvider>().post('', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'Report a fault (rules F3, R5)', body: createTicketBodySchema, response: { 201: ticketSchema } },
    handler: async (request, reply) => {
      const actor = await actorOf(app, request);
      const row = await service.create({ body: request.body, actor, context: auditContextOf(request) });
      return reply.status(201).send(service.toTicket(row, actor));
    },
  });
}

export function setupListTicketsRoute(app: FastifyInstance, service: TicketsService) {
  app.withTypeProvider<ZodTypeProvider>().get('', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'My tickets, or IT’s queue (views assigned, unassigned, all)', querystring: listTicketsQuerySchema, response: { 200: ticketPageSchema } },
    handler: async (request) => service.list({ query: request.query, actor: await actorOf(app, request) }),
  });
}

export function setupGetTicketRoute(app: FastifyInstance, service: TicketsService) {
  app.withTypeProvider<ZodTypeProvider>().get('/:ticketId', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'A ticket with its timeline', params: ticketIdParamsSchema, response: { 200: ticketDetailSchema } },
    handler: async (request) => service.get({ id: BigInt(request.params.ticketId), actor: await actorOf(app, request), context: auditContextOf(request) }),
  });
}

export function setupTransitionRoute(app: FastifyInstance, service: TicketsService) {
  app.withTypeProvider<ZodTypeProvider>().post('/:ticketId/transitions', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'Accept, diagnose, resolve, confirm, reopen, close or cancel (rules F4–F6)', params: ticketIdParamsSchema, body: transitionBodySchema, response: { 200: ticketSchema } },
    handler: async (request) => {
      const actor = await actorOf(app, request);
      const row = await service.transition({ id: BigInt(request.params.ticketId), body: request.body, actor, context: auditContextOf(request) });
      return service.ticketFor(row, actor);
    },
  });
}

export function setupCommentRoute(app: FastifyInstance, service: TicketsService) {
  app.withTypeProvider<ZodTypeProvider>().post('/:ticketId/comments', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'Add a note to the timeline', params: ticketIdParamsSchema, body: commentBodySchema, response: { 200: ticketDetailSchema } },
    handler: async (request) => service.comment({ id: BigInt(request.params.ticketId), note: request.body.note, actor: await actorOf(app, request), context: auditContextOf(request) }),
  });
}
