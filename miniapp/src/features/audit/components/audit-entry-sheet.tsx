import type { AuditEntry } from '@dingops/shared/audit';
import { beijingTime } from '@dingops/shared/rules/beijing-time';
import { List, Popup } from 'antd-mobile';
import sheet from '../../../components/bottom-sheet.module.css';
import { useI18n } from '../../../lib/i18n';
import { actionLabel } from '../utils/action-label';
import { actorText, targetText } from './audit-entry-row';
import styles from './audit.module.css';

/** One audit record in full: the summary (what changed, before and after) and the row's hash. */
export function AuditEntrySheet({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Popup visible={entry !== null} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {entry ? (
        <div className={sheet.body} data-testid="audit-entry-sheet">
          <h2 className={sheet.title}>{t('audit.detail.title')} #{entry.id}</h2>
          <List>
            <List.Item extra={beijingTime(new Date(entry.at))}>{t('audit.detail.time')}</List.Item>
            <List.Item extra={actorText(entry, t('audit.system'))}>{t('audit.detail.actor')}</List.Item>
            <List.Item extra={actionLabel(entry.action)} description={<span className={styles.raw}>{entry.action}</span>}>
              {t('audit.detail.action')}
            </List.Item>
            {targetText(entry) ? <List.Item extra={targetText(entry)}>{t('audit.detail.target')}</List.Item> : null}
            <List.Item extra={t(`audit.result.${entry.result}`)}>{t('audit.detail.result')}</List.Item>
            {entry.sourceIp ? <List.Item extra={entry.sourceIp}>{t('audit.detail.sourceIp')}</List.Item> : null}
            <List.Item description={<pre className={styles.summary} data-testid="audit-entry-summary">{JSON.stringify(entry.summary, null, 2)}</pre>}>{t('audit.detail.summary')}</List.Item>
            <List.Item description={<span className={styles.hash}>{entry.hash}</span>}>{t('audit.detail.hash')}</List.Item>
          </List>
        </div>
      ) : null}
    </Popup>
  );
}
