import type { AlertGroup } from '@dingops/shared/alerts';
import { useI18n } from '../../../lib/i18n';
import styles from './alerts.module.css';

const levelClass = { 1: styles.level1, 2: styles.level2, 3: styles.level3 } as const;

/** 一级 / 二级 / 三级 in the level's colour (rule F2); the label always names it. */
export function AlertLevelTag({ level, testId }: { level: 1 | 2 | 3; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`${styles.tag} ${levelClass[level]}`} data-level={level} data-testid={testId}>
      {t(`alerts.level.${level}`)}
    </span>
  );
}

/** 已合并: the group got no card of its own in an alert storm; the storm summary card lists it. */
export function AlertFoldedTag() {
  const { t } = useI18n();
  return (
    <span className={`${styles.tag} ${styles.neutral}`} data-testid="alert-group-folded" title={t('alerts.foldedHint')}>
      {t('alerts.folded')}
    </span>
  );
}

/** 未认领 / 已认领 / 已解决 as a tinted tag. */
export function AlertStatusTag({ status, testId }: { status: AlertGroup['status']; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`${styles.tag} ${styles[status]}`} data-status={status} data-testid={testId}>
      {t(`alerts.status.${status}`)}
    </span>
  );
}
