import { attachmentSchema, type Attachment } from '@dingops/shared/tickets';
import { ApiError, apiUpload } from '../../../lib/api-client';
import type { FailedUpload } from '../utils/failed-uploads';

/** POST /tickets/:ticketId/attachments: one screenshot (rule R5). Quiet: the page shows which one failed and why. */
export function uploadAttachment({ ticketId, file }: { ticketId: string; file: File }): Promise<Attachment> {
  return apiUpload(`/tickets/${encodeURIComponent(ticketId)}/attachments`, { file, schema: attachmentSchema, silent: true });
}

type UploadInTurnInput = { ticketId: string; uploads: readonly { key: string; file: File }[]; onSettled?: (key: string, attachment: Attachment | null) => void };

/**
 * Upload one screenshot after another (the order the person picked them in). Failures are
 * returned, not thrown: the ticket exists either way. After a 401 the rest are not tried.
 */
export async function uploadInTurn({ ticketId, uploads, onSettled }: UploadInTurnInput): Promise<FailedUpload[]> {
  const failed: FailedUpload[] = [];
  let stopped: ApiError | null = null;
  for (const { key, file } of uploads) {
    if (stopped) {
      failed.push({ key, file, error: stopped });
      onSettled?.(key, null);
      continue;
    }
    try {
      onSettled?.(key, await uploadAttachment({ ticketId, file }));
    } catch (error) {
      const apiError = error instanceof ApiError ? error : null;
      if (apiError?.status === 401) stopped = apiError;
      failed.push({ key, file, error: apiError });
      onSettled?.(key, null);
    }
  }
  return failed;
}
