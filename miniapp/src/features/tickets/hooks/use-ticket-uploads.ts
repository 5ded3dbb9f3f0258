import type { Attachment } from '@dingops/shared/tickets';
import { Toast } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { t } from '../../../lib/i18n';
import { uploadInTurn } from '../api/upload-attachment';
import { addFailedUploads, failedUploadsOf, newUploadKey, removeFailedUpload, subscribeFailedUploads } from '../utils/failed-uploads';
import { checkImageFile, maxAttachmentsPerTicket } from '../utils/image-file';

export type PendingUpload = { key: string; file: File };

type TicketUploadsInput = { ticketId: string; onUploaded: (attachment: Attachment) => void };

/**
 * Screenshots added on the ticket page, and the ones that failed earlier (here or on the report
 * form), which can be retried. Uploads run one at a time, in the order they were picked.
 */
export function useTicketUploads({ ticketId, onUploaded }: TicketUploadsInput) {
  const failed = useSyncExternalStore(subscribeFailedUploads, () => failedUploadsOf(ticketId));
  const [uploading, setUploading] = useState<readonly PendingUpload[]>([]);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const uploaded = useRef(onUploaded);

  useEffect(() => {
    uploaded.current = onUploaded;
  }, [onUploaded]);

  const enqueue = useCallback(
    (uploads: readonly PendingUpload[]) => {
      setUploading((previous) => [...previous, ...uploads]);
      queue.current = queue.current.then(async () => {
        const failures = await uploadInTurn({
          ticketId,
          uploads,
          onSettled: (key, attachment) => {
            if (attachment) uploaded.current(attachment);
            setUploading((previous) => previous.filter((upload) => upload.key !== key));
          },
        });
        addFailedUploads(ticketId, failures);
      });
    },
    [ticketId],
  );

  /** `room`: how many more the ticket takes (the limit less what is there, on its way or waiting for a retry). */
  const add = async (files: readonly File[], room: number) => {
    const accepted: PendingUpload[] = [];
    for (const file of files) {
      const problem = await checkImageFile(file);
      if (problem) Toast.show({ content: t(problem.key, problem.params) });
      else accepted.push({ key: newUploadKey(), file });
    }
    if (accepted.length > room) Toast.show({ content: t('attachment.tooMany', { max: maxAttachmentsPerTicket }) });
    if (accepted.length > 0 && room > 0) enqueue(accepted.slice(0, room));
  };

  const retry = (key: string) => {
    const upload = failed.find((item) => item.key === key);
    if (!upload) return;
    removeFailedUpload(ticketId, key);
    enqueue([{ key: upload.key, file: upload.file }]);
  };

  const dismiss = (key: string) => removeFailedUpload(ticketId, key);

  return { uploading, failed, add, retry, dismiss };
}
