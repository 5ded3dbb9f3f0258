import { SpinLoading } from 'antd-mobile';
import styles from './centered-status.module.css';

/** A full-height spinner with one line of text, for waits the user cannot act on. */
export function CenteredStatus({ text }: { text: string }) {
  return (
    <div className={styles.status} role="status" aria-live="polite">
      <SpinLoading color="primary" style={{ '--size': '32px' }} />
      <span className={styles.text}>{text}</span>
    </div>
  );
}
