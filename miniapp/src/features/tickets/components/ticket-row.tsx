import type { Ticket } from '@dingops/shared/tickets';
import { List } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { formatRelativeTime } from '../utils/format-time';
import { liveSla } from '../utils/live-sla';
import { LevelTag } from './level-tag';
import { SlaState } from './sla-state';
import { StatusTag } from './status-tag';
import styles from './ticket-row.module.css';
import { categoryName } from '../utils/category-name';

type TicketRowProps = { ticket: Ticket; showReporter: boolean; selected?: boolean; onOpen: (ticket: Ticket) => void };

/** Title 17 with its status; number · category · reporter · time at 14; level and SLA on the right. */
export function TicketRow({ ticket, showReporter, selected = false, onOpen }: TicketRowProps) {
  const { locale } = useI18n();
  const sla = liveSla(ticket);
  const second = [categoryName(ticket.category), showReporter ? ticket.reporter.name : null, formatRelativeTime(ticket.createdAt, locale)];
  return (
    <List.Item
      className={selected ? `${styles.row} ${styles.selected}` : styles.row}
      onClick={() => onOpen(ticket)}
      arrowIcon
      aria-current={selected || undefined}
      data-testid={`ticket-row-${ticket.id}`}
      description={
        <span className={styles.second}>
          <span className={styles.number}>{ticket.number}</span>
          {second.filter(Boolean).map((part) => ` · ${part}`)}
        </span>
      }
      extra={
        <span className={styles.meta}>
          <LevelTag level={ticket.level} />
          {sla ? <SlaState state={sla} variant="text" /> : null}
        </span>
      }
    >
      <span className={styles.title}>
        <StatusTag status={ticket.status} />
        <span className={styles.titleText}>{ticket.title}</span>
      </span>
    </List.Item>
  );
}
