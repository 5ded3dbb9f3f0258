import { alertGroupLinkBodySchema, assignmentBodySchema, exportTicketsQuerySchema, faultRecordBodySchema, mergeBodySchema, ticketIdParamsSchema, ticketSchema } from '@dingops/shared/tickets';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf } from '../../platform/audit';
import { faultReportCsp } from './export/fault-report.html';
import type { TicketCollaboration } from './tickets.collaboration';
import type { TicketRecords } from './tickets.records';
import type { TicketReports } from './export/tickets.reports';
import { ticketActorOf, type TicketsService } from './tickets.service';

const itOnly = ['it_staff', 'it_admin'] as const;

interface WorkServices {
  core: TicketsService;
  collaboration: TicketCollaboration;
  records: TicketRecords;
  reports: TicketReports;
}

/** Assign, 同样问题, merge, fault record, alert link, export and the printable report (rules F3–F7). */
export function setupTicketWorkRoutes(app: FastifyInstance, { core, collaboration, records, reports }: WorkServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const params = ticketIdParamsSchema;

  api.post('/:ticketId/assignment', {
    config: { access: itOnly },
    schema: { tags: ['tickets'], summary: 'Assign or transfer a ticket to an IT person (rule F4)', params, body: assignmentBodySchema, response: { 200: ticketSchema } },
    handler: async (request) => {
      const actor = ticketActorOf(request.actor!);
      const row = await collaboration.assign({ id: BigInt(request.params.ticketId), assigneeId: request.body.assigneeId, note: request.body.note, actor, context: auditContextOf(request) });
      return core.ticketFor(row, actor);
    },
  });

  api.post('/:ticketId/me-too', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: '同样问题: I have this fault too (rule F3)', params, response: { 200: ticketSchema } },
    handler: async (request) => {
      const actor = ticketActorOf(request.actor!);
      const row = await collaboration.meToo({ id: BigInt(request.params.ticketId), actor, context: auditContextOf(request) });
      return core.ticketFor(row, actor);
    },
  });

  api.delete('/:ticketId/me-too', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'Withdraw my 同样问题', params, response: { 200: ticketSchema } },
    handler: async (request) => {
      const actor = ticketActorOf(request.actor!);
      const row = await collaboration.withdrawMeToo({ id: BigInt(request.params.ticketId), actor, context: auditContextOf(request) });
      return core.ticketFor(row, actor);
    },
  });

  api.post('/:ticketId/merge', {
    config: { access: itOnly },
    schema: { tags: ['tickets'], summary: 'Merge this duplicate into another ticket', params, body: mergeBodySchema, response: { 200: z.object({ duplicate: ticketSchema, target: ticketSchema }) } },
    handler: async (request) => {
      const actor = ticketActorOf(request.actor!);
      const { duplicate, target } = await collaboration.merge({ id: BigInt(request.params.ticketId), intoId: BigInt(request.body.intoTicketId), note: request.body.note, actor, context: auditContextOf(request) });
      return { duplicate: core.toTicket(duplicate, actor), target: core.toTicket(target, actor) };
    },
  });

  api.put('/:ticketId/fault-record', {
    config: { access: itOnly },
    schema: { tags: ['tickets'], summary: 'Fill in the fault record (rule F6)', params, body: faultRecordBodySchema, response: { 200: ticketSchema } },
    handler: async (request) => {
      const actor = ticketActorOf(request.actor!);
      const row = await records.updateFaultRecord({ id: BigInt(request.params.ticketId), body: request.body, actor, context: auditContextOf(request) });
      return core.ticketFor(row, actor);
    },
  });

  api.put('/:ticketId/alert-group', {
    config: { access: itOnly },
    schema: { tags: ['tickets'], summary: 'Link the ticket to an alert group, or unlink it', params, body: alertGroupLinkBodySchema, response: { 200: ticketSchema } },
    handler: async (request) => {
      const actor = ticketActorOf(request.actor!);
      const row = await records.linkAlertGroup({ id: BigInt(request.params.ticketId), alertGroupId: request.body.alertGroupId, actor, context: auditContextOf(request) });
      return core.ticketFor(row, actor);
    },
  });

  api.get('/export.csv', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'The list as a CSV file for Excel (UTF-8 with BOM)', querystring: exportTicketsQuerySchema },
    handler: async (request, reply) => {
      const file = await reports.exportCsv({ query: request.query, actor: ticketActorOf(request.actor!), context: auditContextOf(request) });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).header('cache-control', 'no-store').send(file.body);
    },
  });

  api.get('/:ticketId/report', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'The printable fault report (rule F6), an HTML page', params },
    handler: async (request, reply) => {
      const html = await reports.faultReport({ id: BigInt(request.params.ticketId), actor: ticketActorOf(request.actor!), context: auditContextOf(request) });
      return reply.type('text/html; charset=utf-8').header('content-security-policy', faultReportCsp).header('cache-control', 'no-store').send(html);
    },
  });
}
