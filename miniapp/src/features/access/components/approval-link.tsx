import { Button, Toast } from 'antd-mobile';
import { openLink } from '../../../lib/dingtalk';
import { useI18n } from '../../../lib/i18n';
import styles from './access.module.css';

/** The approval lives in DingTalk's approval app: open it there (or in a new tab outside DingTalk). */
export function ApprovalLink({ url, label }: { url: string | null; label?: string }) {
  const { t } = useI18n();
  if (!url) return <span className={styles.hint}>{t('access.approvalPending')}</span>;
  const open = () => {
    openLink(url).catch(() => Toast.show({ content: t('access.openLinkFailed') }));
  };
  return (
    <Button size="small" color="primary" fill="outline" onClick={(event) => { event.stopPropagation(); open(); }} data-testid="access-approval-link" data-url={url}>
      {label ?? t('access.openApproval')}
    </Button>
  );
}
