import type { Ticket } from '@dingops/shared/tickets';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';
import styles from './ticket-more.module.css';

/** A duplicate points to the ticket the work continues on. */
export function MergedNotice({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  if (!ticket.mergedInto) return null;
  return (
    <p className={styles.merged} data-testid="ticket-merged-into">
      {t('tickets.more.mergedInto')}{' '}
      <Link to={paths.ticket.getHref(ticket.mergedInto.id)} data-testid="ticket-merged-link">
        {ticket.mergedInto.number}
      </Link>
    </p>
  );
}
