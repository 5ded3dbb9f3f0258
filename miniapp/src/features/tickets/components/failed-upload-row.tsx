import { Button } from 'antd-mobile';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import type { FailedUpload } from '../utils/failed-uploads';
import styles from './attachments.module.css';
import { LocalImage } from './local-image';

type FailedUploadRowProps = { upload: FailedUpload; canRetry: boolean; onRetry: () => void; onDismiss: () => void };

/** A screenshot that did not arrive: which one (preview and name), why, and retry or let it go. */
export function FailedUploadRow({ upload, canRetry, onRetry, onDismiss }: FailedUploadRowProps) {
  const { t } = useI18n();
  const reason = upload.error ? describeApiError(upload.error) : t('error.network');
  return (
    <li className={styles.failed} data-testid="ticket-upload-failed" data-file-name={upload.file.name}>
      <span className={styles.failedThumb}>
        <LocalImage className={styles.image} file={upload.file} alt="" />
      </span>
      <span className={styles.failedText}>
        <span className={styles.failedName}>{upload.file.name}</span>
        <span className={styles.failedReason}>{reason}</span>
      </span>
      {canRetry ? (
        <Button className={styles.failedButton} size="small" color="primary" fill="outline" onClick={onRetry} data-testid="ticket-upload-retry">
          {t('ticket.uploadRetry')}
        </Button>
      ) : null}
      <Button className={styles.failedButton} size="small" fill="none" onClick={onDismiss} data-testid="ticket-upload-dismiss">
        {t('ticket.uploadDismiss')}
      </Button>
    </li>
  );
}
