import { attachmentContentTypes, maxAttachmentBytes, maxAttachmentsPerTicket } from '@dingops/shared/tickets';
import type { MessageKey, TranslateParams } from '../../../lib/i18n';

export { maxAttachmentsPerTicket };

/** For the file picker: the types the server takes, so the phone's gallery offers only those. */
export const acceptedImageTypes = attachmentContentTypes.join(',');

export const maxImageMegabytes = maxAttachmentBytes / 1024 / 1024;

/** The same signatures the server sniffs: a file's name and the browser's type are only guesses. */
function looksLikeImage(head: Uint8Array): boolean {
  const text = String.fromCharCode(...head);
  return (
    text.startsWith('\x89PNG\r\n\x1a\n') ||
    (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) ||
    (text.startsWith('RIFF') && text.slice(8, 12) === 'WEBP') ||
    text.startsWith('GIF87a') ||
    text.startsWith('GIF89a')
  );
}

export type ImageProblem = { key: MessageKey; params?: TranslateParams };

/** Why a picked file cannot be attached (checked before upload; the server checks again), or null. */
export async function checkImageFile(file: File): Promise<ImageProblem | null> {
  if (file.size > maxAttachmentBytes) return { key: 'attachment.tooLarge', params: { name: file.name, max: maxImageMegabytes } };
  const head = await file
    .slice(0, 12)
    .arrayBuffer()
    .then((bytes) => new Uint8Array(bytes))
    .catch(() => new Uint8Array()); // unreadable (moved or deleted since it was picked)
  if (!looksLikeImage(head)) return { key: 'attachment.invalidType', params: { name: file.name } };
  return null;
}
