import multipart from '@fastify/multipart';
import { attachmentParamsSchema, attachmentSchema, maxAttachmentBytes, ticketIdParamsSchema } from '@dingops/shared/tickets';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContextOf } from '../../../platform/audit';
import { attachmentTooLarge, invalidAttachment } from './attachments.errors';
import type { AttachmentsService } from './attachments.service';
import { ticketActorOf } from '../tickets.service';

/** Upload: one image per request as multipart field `file`. Download: the bytes, after the same visibility check as the ticket. */
export async function setupAttachmentRoutes(app: FastifyInstance, attachments: AttachmentsService) {
  await app.register(multipart, { limits: { fileSize: maxAttachmentBytes, files: 1, fields: 0, parts: 2 } });
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post('/:ticketId/attachments', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'Attach a screenshot (PNG, JPEG, WebP, GIF by content, wholly decodable; ≤ 5 MB; ≤ 9 per ticket); stored encrypted', consumes: ['multipart/form-data'], params: ticketIdParamsSchema, response: { 201: attachmentSchema } },
    handler: async (request, reply) => {
      const part = await request.file().catch(() => undefined);
      if (!part || part.fieldname !== 'file') throw invalidAttachment('send the image as multipart form field "file"');
      const bytes = await part.toBuffer().catch(() => null);
      if (!bytes || part.file.truncated) throw attachmentTooLarge();
      const actor = ticketActorOf(request.actor!);
      const file = await attachments.add({ id: BigInt(request.params.ticketId), fileName: part.filename, bytes, actor, context: auditContextOf(request) });
      return reply.status(201).send(file);
    },
  });

  typed.get('/:ticketId/attachments/:attachmentId', {
    config: { access: 'authenticated' },
    schema: { tags: ['tickets'], summary: 'Download a screenshot', params: attachmentParamsSchema },
    handler: async (request, reply) => {
      const actor = ticketActorOf(request.actor!);
      const file = await attachments.read({ id: BigInt(request.params.ticketId), attachmentId: BigInt(request.params.attachmentId), actor, context: auditContextOf(request) });
      return reply
        .type(file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(file.data);
    },
  });
}
