import type { ImpactScope, Urgency } from '@dingops/shared/tickets';
import { suggestLevel } from '@dingops/shared/rules/ticket-lifecycle';
import { useI18n } from '../../../lib/i18n';
import { LevelTag } from './level-tag';
import styles from './suggested-level.module.css';

/** Rule F2, live: the level the server will give this report, with what that level means. */
export function SuggestedLevel({ impact, urgency }: { impact: ImpactScope | null; urgency: Urgency | null }) {
  const { t } = useI18n();
  const level = impact && urgency ? suggestLevel({ impact, urgency }) : null;
  return (
    <span data-testid="report-suggested-level" data-level={level ?? undefined} aria-live="polite">
      {level ? (
        <span className={styles.level}>
          <LevelTag level={level} />
          {t(`ticket.levelMeaning.${level}`)}
        </span>
      ) : (
        <span className={styles.pending}>{t('report.suggestedLevelPending')}</span>
      )}
    </span>
  );
}
