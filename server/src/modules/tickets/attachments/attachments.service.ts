import { createHash } from 'node:crypto';
import { isOpen } from '@dingops/shared/rules/ticket-lifecycle';
import { type Attachment, maxAttachmentsPerTicket } from '@dingops/shared/tickets';
import type { Db } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { attachmentNotFound, ticketFinished, tooManyAttachments } from './attachments.errors';
import { inspectImage } from './attachments.images';
import { cleanFileName } from './attachments.rules';
import type { AttachmentVault } from './attachments.vault';
import { ticketNotFound } from '../tickets.errors';
import type { TicketActor, TicketsService } from '../tickets.service';

interface AttachmentsDeps {
  db: Db;
  core: TicketsService;
  audit: AuditService;
  vault: AttachmentVault;
  clock: () => Date;
}

interface Upload {
  id: bigint;
  fileName: string;
  bytes: Buffer;
  actor: TicketActor;
  context: AuditContext;
}

/** Screenshots of a fault (rule R5): checked by content, encrypted at rest (S3), read only by who sees the ticket (S4). */
export function createAttachmentsService({ db, core, audit, vault, clock }: AttachmentsDeps) {
  const { repo } = core;

  /** The reporter or IT add screenshots; to anyone else the ticket does not exist. */
  const requireUploader = async (id: bigint, actor: TicketActor, tx?: Parameters<TicketsService['requireVisible']>[2]) => {
    const ticket = await core.requireVisible(id, actor, tx);
    if (ticket.reporterId !== actor.user.id && !actor.isIt) throw ticketNotFound(String(id));
    return ticket;
  };

  return {
    /** Rule R5: up to nine screenshots while the ticket is open. */
    async add({ id, fileName, bytes, actor, context }: Upload): Promise<Attachment> {
      // Who may not add to this ticket learns nothing from how their file would have been judged.
      await requireUploader(id, actor);
      const image = await inspectImage(bytes);
      const sealed = vault.seal(bytes);
      return db.transaction(async (tx) => {
        const ticket = await requireUploader(id, actor, tx);
        if (!isOpen(ticket.status)) throw ticketFinished(ticket.status);
        if ((await repo.countAttachments(id, tx)) >= maxAttachmentsPerTicket) throw tooManyAttachments();
        const file = await repo.insertAttachment(
          { ticketId: id, fileName: cleanFileName(fileName, image.contentType), contentType: image.contentType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), ...sealed, uploadedBy: actor.user.id, createdAt: clock() },
          tx,
        );
        const summary = { attachmentId: String(file.id), size: bytes.length, contentType: image.contentType, width: image.width, height: image.height };
        await audit.record(context, { action: 'tickets.attachment_added', target: { type: 'ticket', id: String(id) }, summary }, tx);
        return { ...file, id: String(file.id), createdAt: file.createdAt.toISOString(), url: `/api/v1/tickets/${id}/attachments/${file.id}` };
      });
    },

    /** The bytes, decrypted, after the same visibility check as the ticket; reading someone else's is audited (S4). */
    async read({ id, attachmentId, actor, context }: { id: bigint; attachmentId: bigint; actor: TicketActor; context: AuditContext }) {
      const ticket = await core.requireVisible(id, actor);
      const file = await repo.findAttachment(id, attachmentId);
      if (!file) throw attachmentNotFound(String(attachmentId));
      if (ticket.reporterId !== actor.user.id) await audit.record(context, { action: 'tickets.attachment_read', target: { type: 'ticket', id: String(id) }, summary: { attachmentId: String(attachmentId) } });
      return { fileName: file.fileName, contentType: file.contentType, data: vault.open(file) };
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
