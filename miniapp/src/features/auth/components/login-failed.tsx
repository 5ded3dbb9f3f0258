import { Button, ErrorBlock } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import styles from './login-screens.module.css';

type LoginFailedProps = { message: string; detail: string | null; onRetry: () => void };

export function LoginFailed({ message, detail, onRetry }: LoginFailedProps) {
  const { t } = useI18n();
  return (
    <ErrorBlock className={styles.block} status="default" fullPage title={t('login.failed')} description={message}>
      {detail ? <p className={styles.detail}>{detail}</p> : null}
      <Button className={styles.action} color="primary" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </ErrorBlock>
  );
}
