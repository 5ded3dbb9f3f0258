import styles from './centered-status.module.css';

/**
 * A full-height spinner with one line of text, for waits the user cannot act on. The spinner is
 * drawn here in CSS: antd-mobile's SpinLoading animates through @react-spring, which the login
 * page would otherwise download first.
 */
export function CenteredStatus({ text }: { text: string }) {
  return (
    <div className={styles.status} role="status" aria-live="polite">
      <svg className={styles.spinner} viewBox="0 0 32 32" aria-hidden="true">
        <circle cx="16" cy="16" r="14" fill="none" strokeWidth="3" strokeLinecap="round" strokeDasharray="66 88" />
      </svg>
      <span className={styles.text}>{text}</span>
    </div>
  );
}
