import { ticketActionSchema, type TicketEvent } from '@dingops/shared/tickets';
import { PersonAvatar } from '../../../components/person-avatar';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { formatDateTime } from '../utils/format-time';
import { StatusTag } from './status-tag';
import styles from './ticket-timeline.module.css';

function verbKey(event: TicketEvent): MessageKey {
  if (event.kind !== 'transition') return `ticket.verb.${event.kind}`;
  const action = ticketActionSchema.safeParse(event.action);
  return action.success ? `ticket.verb.${action.data}` : 'ticket.verb.other';
}

/** Who did what and when, with their note: the handling record of rule F6, oldest first. */
export function TicketTimeline({ events }: { events: readonly TicketEvent[] }) {
  const { t, locale } = useI18n();
  return (
    <section className={styles.section} aria-labelledby="ticket-timeline-heading">
      <h2 id="ticket-timeline-heading" className={styles.heading}>
        {t('ticket.timeline')}
      </h2>
      <ol className={styles.events} data-testid="ticket-timeline">
        {events.map((event) => (
          <li key={event.id} className={styles.event} data-kind={event.kind} data-action={event.action ?? undefined}>
            <PersonAvatar name={event.actor.name} size={32} />
            <div className={styles.body}>
              <div className={styles.line}>
                <p className={styles.who}>
                  <span className={styles.name}>{event.actor.name}</span>
                  <span className={styles.verb}>{t(verbKey(event))}</span>
                </p>
                <time className={styles.time} dateTime={event.at}>
                  {formatDateTime(event.at, locale)}
                </time>
              </div>
              {event.kind === 'transition' && event.toStatus ? (
                <div className={styles.status}>
                  <StatusTag status={event.toStatus} />
                </div>
              ) : null}
              {event.note ? <p className={styles.note}>{event.note}</p> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
