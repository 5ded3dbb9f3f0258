import type { TicketStatus } from '@dingops/shared/tickets';
import { useI18n } from '../../../lib/i18n';
import styles from './ticket-tags.module.css';

const tone: Record<TicketStatus, string | undefined> = {
  reported: styles.info,
  accepted: styles.info,
  diagnosing: styles.info,
  reopened: styles.warning,
  resolved: styles.success,
  closed: styles.neutral,
  cancelled: styles.neutral,
};

/** The ticket's status as a tinted tag (tint background, coloured text). */
export function StatusTag({ status, testId }: { status: TicketStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`${styles.tag} ${tone[status] ?? ''}`} data-status={status} data-testid={testId}>
      {t(`ticket.status.${status}`)}
    </span>
  );
}
