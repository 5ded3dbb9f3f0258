import type { SlaState as SlaStateValue, Ticket } from '@dingops/shared/tickets';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { formatDateTime } from '../utils/format-time';
import { LevelTag } from './level-tag';
import { SlaState } from './sla-state';
import { StatusTag } from './status-tag';
import styles from './ticket-header.module.css';

function Clock({ label, dueAt, state }: { label: MessageKey; dueAt: string; state: SlaStateValue | null }) {
  const { t, locale } = useI18n();
  return (
    <dl className={styles.clock}>
      <dt className={styles.clockLabel}>{t(label)}</dt>
      <dd className={styles.clockValue}>
        {formatDateTime(dueAt, locale)}
        {state ? <SlaState state={state} /> : null}
      </dd>
    </dl>
  );
}

/** Number, title, level and status, and the two SLA clocks with where each stands. */
export function TicketHeader({ ticket }: { ticket: Ticket }) {
  const cancelled = ticket.status === 'cancelled';
  return (
    <section className={styles.header} data-testid="ticket-header">
      <p className={styles.number} data-testid="ticket-number">
        {ticket.number}
      </p>
      <h1 className={styles.title}>{ticket.title}</h1>
      <div className={styles.tags}>
        <LevelTag level={ticket.level} testId="ticket-level" />
        <StatusTag status={ticket.status} testId="ticket-status" />
      </div>
      <div className={styles.clocks}>
        <Clock label="ticket.responseDue" dueAt={ticket.responseDueAt} state={cancelled ? null : ticket.responseSla} />
        <Clock label="ticket.resolutionDue" dueAt={ticket.resolutionDueAt} state={cancelled ? null : ticket.resolutionSla} />
      </div>
    </section>
  );
}
