import { Button, ErrorBlock } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { paths } from '../config/paths';
import { useI18n } from '../lib/i18n';
import styles from './access-notice.module.css';

type AccessNoticeProps = {
  /** no_access: the person may not open it; not_found: it does not exist (or the server will not say). */
  kind: 'no_access' | 'not_found';
  title: string;
  /** Why: who may see it, or what is missing. */
  reason: string;
  /** What to do now. */
  hint: string;
  /** A page that helps more than home (the list, one's own tickets), shown first. */
  action?: { label: string; to: string };
  testId?: string;
};

/**
 * What someone sees instead of a page they followed a link to and may not open, or that is gone: why,
 * and what to do — never a bare 404 or a blank page. Links from DingTalk reach people the page is not
 * for (a leader opening an alert from 管理层群), so every page that checks access ends here.
 */
export function AccessNotice({ kind, title, reason, hint, action, testId = 'access-notice' }: AccessNoticeProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <ErrorBlock
      className={styles.block}
      status={kind === 'no_access' ? 'default' : 'empty'}
      title={title}
      description={
        <span className={styles.description}>
          <span data-testid="access-notice-reason">{reason}</span>
          <span data-testid="access-notice-hint">{hint}</span>
        </span>
      }
      data-testid={testId}
      data-kind={kind}
    >
      <div className={styles.actions}>
        {action ? (
          <Button className={styles.action} color="primary" onClick={() => void navigate(action.to)}>
            {action.label}
          </Button>
        ) : null}
        <Button className={styles.action} color={action ? 'default' : 'primary'} onClick={() => void navigate(paths.home.getHref(), { replace: true })} data-testid="access-notice-home">
          {t('common.backHome')}
        </Button>
      </div>
    </ErrorBlock>
  );
}
