import type { ChangeEvent } from 'react';
import { useI18n } from '../../../lib/i18n';
import { acceptedImageTypes } from '../utils/image-file';
import styles from './attachments.module.css';
import { LineIcon } from './line-icon';

/** The "add" cell: a real file input (phone gallery or camera, PC file dialog) under a tappable tile. */
export function AddScreenshot({ onPick }: { onPick: (files: File[]) => void }) {
  const { t } = useI18n();
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = ''; // so picking the same file again still fires a change
    if (files.length > 0) onPick(files);
  };
  return (
    <label className={`${styles.cell} ${styles.add}`} data-testid="ticket-attachment-add">
      <LineIcon name="plus" className={styles.addIcon} />
      <span className={styles.addText}>{t('ticket.attachmentAdd')}</span>
      <input className={styles.fileInput} type="file" accept={acceptedImageTypes} multiple onChange={change} aria-label={t('ticket.attachmentAdd')} />
    </label>
  );
}
