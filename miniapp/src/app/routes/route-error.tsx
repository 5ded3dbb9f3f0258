import { Button, ErrorBlock } from 'antd-mobile';
import { useI18n } from '../../lib/i18n';
import styles from './route-states.module.css';

/** Shown when a page throws while rendering: DingTalk's standard "页面异常 / 刷新页面重试". */
export function RouteError() {
  const { t } = useI18n();
  return (
    <ErrorBlock className={styles.block} status="default" fullPage title={t('error.pageTitle')} description={t('error.pageDescription')}>
      <Button className={styles.action} color="primary" onClick={() => window.location.reload()}>
        {t('common.retry')}
      </Button>
    </ErrorBlock>
  );
}
