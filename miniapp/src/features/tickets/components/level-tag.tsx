import type { Level } from '@dingops/shared/tickets';
import { useI18n } from '../../../lib/i18n';
import styles from './ticket-tags.module.css';

const levelClass: Record<Level, string | undefined> = { 1: styles.level1, 2: styles.level2, 3: styles.level3 };

/** 一级 / 二级 / 三级 in the level's colour (rule F2). */
export function LevelTag({ level, testId }: { level: Level; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`${styles.tag} ${levelClass[level] ?? ''}`} data-level={level} data-testid={testId} title={t(`ticket.levelMeaning.${level}`)}>
      {t(`ticket.level.${level}`)}
    </span>
  );
}
