import type { Attachment, TicketDetail } from '@dingops/shared/tickets';
import { isOpen } from '@dingops/shared/rules/ticket-lifecycle';
import { ImageViewer, List, NoticeBar, SpinLoading } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useAttachmentImages } from '../hooks/use-attachment-images';
import { useTicketUploads } from '../hooks/use-ticket-uploads';
import { useViewer } from '../hooks/use-viewer';
import { maxAttachmentsPerTicket } from '../utils/image-file';
import { AddScreenshot } from './add-screenshot';
import { AttachmentThumb } from './attachment-thumb';
import styles from './attachments.module.css';
import { FailedUploadRow } from './failed-upload-row';
import { LocalImage } from './local-image';

type TicketAttachmentsProps = { ticket: TicketDetail; onUploaded: (attachment: Attachment) => void };

/**
 * Rule R5's screenshots: a grid of thumbnails that open full screen, an "add" cell for the
 * reporter and IT while the ticket is open, and any that failed to upload, to retry.
 */
export function TicketAttachments({ ticket, onUploaded }: TicketAttachmentsProps) {
  const { t } = useI18n();
  const me = useViewer();
  const { imageOf, retry: reload } = useAttachmentImages(ticket.attachments);
  // The index the full-screen preview opened at (its key, so it starts there) and whether it is showing.
  const [preview, setPreview] = useState({ index: 0, visible: false });
  const mayAdd = isOpen(ticket.status) && me !== null && (me.id === ticket.reporter.id || me.roles.includes('it_staff') || me.roles.includes('it_admin'));
  const uploads = useTicketUploads({ ticketId: ticket.id, onUploaded });
  const pending = uploads.uploading.length + uploads.failed.length;

  if (ticket.attachments.length === 0 && pending === 0 && !mayAdd) return null;

  const ready = ticket.attachments.flatMap((attachment) => {
    const image = imageOf(attachment.id);
    return image.status === 'ready' ? [{ id: attachment.id, url: image.url }] : [];
  });
  const open = (id: string) => {
    const index = ready.findIndex((image) => image.id === id);
    if (index >= 0) setPreview({ index, visible: true });
  };
  // The viewer closes on a touch tap only; mouse users on the PC client need a button.
  const close = () => setPreview((previous) => ({ ...previous, visible: false }));
  const count = ticket.attachments.length + uploads.uploading.length;
  const room = maxAttachmentsPerTicket - ticket.attachments.length - pending;

  return (
    <section className={styles.section} data-testid="ticket-attachments" data-count={ticket.attachments.length}>
      <List header={t('ticket.attachmentsHeader', { count, max: maxAttachmentsPerTicket })} className={styles.list}>
        {uploads.failed.length > 0 ? <NoticeBar color="alert" wrap content={t('ticket.uploadFailedNotice', { count: uploads.failed.length })} /> : null}
        <List.Item>
          <div className={styles.grid}>
            {ticket.attachments.map((attachment, index) => (
              <AttachmentThumb key={attachment.id} attachment={attachment} index={index} image={imageOf(attachment.id)} onOpen={() => open(attachment.id)} onRetry={reload} />
            ))}
            {uploads.uploading.map((upload) => (
              <span key={upload.key} className={styles.cell} data-testid="ticket-upload-pending" role="img" aria-label={t('ticket.uploading', { name: upload.file.name })}>
                <LocalImage className={styles.image} file={upload.file} alt="" />
                <span className={styles.mask}>
                  <SpinLoading color="white" className={styles.spinner} />
                </span>
              </span>
            ))}
            {mayAdd && room > 0 ? <AddScreenshot onPick={(files) => void uploads.add(files, room)} /> : null}
          </div>
          {ticket.attachments.length === 0 && !mayAdd ? <p className={styles.none}>{t('ticket.attachmentNone')}</p> : null}
          {uploads.failed.length > 0 ? (
            <ul className={styles.failedList}>
              {uploads.failed.map((upload) => (
                <FailedUploadRow key={upload.key} upload={upload} canRetry={mayAdd} onRetry={() => uploads.retry(upload.key)} onDismiss={() => uploads.dismiss(upload.key)} />
              ))}
            </ul>
          ) : null}
        </List.Item>
      </List>
      <ImageViewer.Multi
        key={preview.index}
        images={ready.map((image) => image.url)}
        visible={preview.visible}
        defaultIndex={preview.index}
        onClose={close}
        renderFooter={() => (
          <button type="button" className={styles.viewerClose} onClick={close} data-testid="ticket-attachment-viewer-close">
            {t('ticket.attachmentClose')}
          </button>
        )}
      />
    </section>
  );
}
