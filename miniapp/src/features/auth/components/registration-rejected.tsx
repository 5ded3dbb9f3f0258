import { Button, Result } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import styles from './registration-screens.module.css';

/** Rule S1: IT refused this person's registration; they see IT's reason and whom to ask. */
export function RegistrationRejected({ reason, onRetry }: { reason: string | null; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <section className={styles.screen} data-testid="registration-rejected">
      <Result className={styles.result} status="error" title={t('registration.rejectedTitle')} />
      {reason ? (
        <p className={styles.reason} data-testid="registration-rejected-reason">
          {t('registration.rejectedReason', { reason })}
        </p>
      ) : null}
      <p className={styles.text}>{t('registration.rejectedHint')}</p>
      <div className={styles.actions}>
        <Button className={styles.action} onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </div>
    </section>
  );
}
