import { Button, DotLoading, ErrorBlock } from 'antd-mobile';
import { useI18n } from '../lib/i18n';
import styles from './load-states.module.css';

/** What a page shows while its data loads. */
export function PageLoading({ testId }: { testId?: string }) {
  return (
    <div className={styles.loading} role="status" aria-live="polite" data-testid={testId}>
      <DotLoading color="primary" />
    </div>
  );
}

type PageLoadFailedProps = { description?: string | null; onRetry: () => void; testId?: string };

/** What a page shows when its data could not be loaded: the reason, when known, and a retry. */
export function PageLoadFailed({ description, onRetry, testId }: PageLoadFailedProps) {
  const { t } = useI18n();
  return (
    <ErrorBlock status="disconnected" title={t('error.pageTitle')} description={description ?? t('error.pageDescription')} data-testid={testId}>
      <Button color="primary" className={styles.retry} onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </ErrorBlock>
  );
}
