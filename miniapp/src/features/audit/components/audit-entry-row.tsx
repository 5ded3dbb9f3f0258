import type { AuditEntry } from '@dingops/shared/audit';
import { beijingTime } from '@dingops/shared/rules/beijing-time';
import { List } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { actionLabel } from '../utils/action-label';
import styles from './audit.module.css';

/** Who, when and on what, as one line each; the person's name falls back to the actor id (system actors). */
export function actorText(entry: AuditEntry, systemLabel: string): string {
  if (entry.actorName && entry.actorDingtalkId) return `${entry.actorName}（${entry.actorDingtalkId}）`;
  return entry.actorName ?? entry.actorId ?? systemLabel;
}

export const targetText = (entry: AuditEntry) => (entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}`.trim() : null);

export function AuditEntryRow({ entry, onOpen }: { entry: AuditEntry; onOpen: (entry: AuditEntry) => void }) {
  const { t } = useI18n();
  const target = targetText(entry);
  return (
    <List.Item
      onClick={() => onOpen(entry)}
      data-testid="audit-row"
      data-action={entry.action}
      data-entry-id={entry.id}
      description={
        <span className={styles.rowMeta}>
          <span data-testid="audit-row-actor">{actorText(entry, t('audit.system'))}</span>
          {target ? <span>{target}</span> : null}
          <span className={styles.time}>{beijingTime(new Date(entry.at))}</span>
        </span>
      }
    >
      <span className={styles.rowTitle}>
        <span data-testid="audit-row-action">{actionLabel(entry.action)}</span>
        {entry.result === 'success' ? null : <span className={styles.refused}>{t(`audit.result.${entry.result}`)}</span>}
      </span>
    </List.Item>
  );
}
