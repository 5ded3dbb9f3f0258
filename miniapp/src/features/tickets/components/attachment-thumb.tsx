import type { Attachment } from '@dingops/shared/tickets';
import { SpinLoading } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import type { AttachmentImage } from '../hooks/use-attachment-images';
import styles from './attachments.module.css';
import { LineIcon } from './line-icon';

type AttachmentThumbProps = { attachment: Attachment; index: number; image: AttachmentImage; onOpen: () => void; onRetry: () => void };

/** One screenshot in the grid: tap to see it full screen, or to load it again if it failed. */
export function AttachmentThumb({ attachment, index, image, onOpen, onRetry }: AttachmentThumbProps) {
  const { t } = useI18n();
  const label = t('ticket.attachmentOpen', { index: index + 1, name: attachment.fileName });
  return (
    <button
      type="button"
      className={styles.cell}
      onClick={image.status === 'failed' ? onRetry : onOpen}
      disabled={image.status === 'loading'}
      aria-label={image.status === 'failed' ? t('ticket.attachmentReload', { name: attachment.fileName }) : label}
      data-testid={`ticket-attachment-${attachment.id}`}
      data-state={image.status}
    >
      {image.status === 'ready' ? <img className={styles.image} src={image.url} alt="" /> : null}
      {image.status === 'loading' ? <SpinLoading className={styles.spinner} /> : null}
      {image.status === 'failed' ? (
        <span className={styles.broken}>
          <LineIcon name="picture" className={styles.brokenIcon} />
          {t('ticket.attachmentLoadFailed')}
        </span>
      ) : null}
    </button>
  );
}
