import type { Attachment } from '@dingops/shared/tickets';
import { apiDownload } from '../../../lib/api-client';

/** GET an attachment's `url`: the image bytes, fetched with the token. Quiet: a thumbnail shows its own failure. */
export function getAttachmentImage({ attachment, signal }: { attachment: Attachment; signal?: AbortSignal }): Promise<Blob> {
  return apiDownload(attachment.url, { signal, silent: true });
}
