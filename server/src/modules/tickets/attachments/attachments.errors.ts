import { maxAttachmentBytes, maxAttachmentsPerTicket } from '@dingops/shared/tickets';
import { DomainError, defineError } from '../../../platform/errors/domain-error';

/** No attachment with this id on this ticket. */
export const attachmentNotFound = defineError('tickets.attachment_not_found', 'not_found', (id: string) => `No attachment ${id}`);
/** The ticket already has the most screenshots allowed. */
export const tooManyAttachments = defineError('tickets.too_many_attachments', 'conflict', () => `A ticket takes at most ${maxAttachmentsPerTicket} screenshots`);

/** Closed and cancelled tickets are a record: nothing is added to them. */
export const ticketFinished = defineError('tickets.ticket_finished', 'conflict', (status: string) => `The ticket is ${status}; screenshots can no longer be added`);

/** The upload is not a PNG, JPEG, WebP or GIF image, or is too large; names the form field. */
export const invalidAttachment = (message: string) => new DomainError('tickets.invalid_attachment', 'invalid', message, [{ path: 'body.file', message }]);
export const attachmentTooLarge = () => invalidAttachment(`a screenshot may be at most ${maxAttachmentBytes / 1024 / 1024} MB`);
/** The bytes start like an image but are not wholly one: damaged, cut off, or with something else after the image. */
export const imageUnreadable = (message: string) => new DomainError('tickets.image_unreadable', 'invalid', message, [{ path: 'body.file', message }]);
/** The image is far larger in pixels than any screenshot (a decompression bomb, a strip of absurd length). */
export const imageTooLarge = (message: string) => new DomainError('tickets.image_too_large', 'invalid', message, [{ path: 'body.file', message }]);
