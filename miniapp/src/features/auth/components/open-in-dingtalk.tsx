import { ErrorBlock } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import styles from './login-screens.module.css';

/** Live mode in a plain browser: only DingTalk can vouch for who this is. */
export function OpenInDingTalk() {
  const { t } = useI18n();
  return (
    <ErrorBlock
      className={styles.block}
      status="empty"
      fullPage
      title={t('login.openInDingTalkTitle')}
      description={t('login.openInDingTalkDescription')}
      data-testid="open-in-dingtalk"
    />
  );
}
