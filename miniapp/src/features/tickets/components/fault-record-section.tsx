import type { Ticket } from '@dingops/shared/tickets';
import { List } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import factStyles from './ticket-facts.module.css';
import styles from './ticket-more.module.css';

/** True once any part of the fault record has been written. */
export function hasFaultRecord(ticket: Ticket): boolean {
  return Boolean(ticket.causeCategory || ticket.cause || ticket.actionsTaken.length > 0 || ticket.resolution || ticket.timeSpentMinutes !== null);
}

/** Rule F6's fault record, read-only, for everyone who can see the ticket, once IT has filled any of it. */
export function FaultRecordSection({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  if (!hasFaultRecord(ticket)) return null;
  return (
    <List header={t('tickets.more.faultRecord')} className={factStyles.list} data-testid="ticket-fault-record">
      {ticket.causeCategory ? (
        <List.Item prefix={<span className={factStyles.label}>{t('tickets.more.causeCategory')}</span>} data-testid="ticket-cause-category">
          <span className={factStyles.value}>{t(`ticket.causeCategory.${ticket.causeCategory}`)}</span>
        </List.Item>
      ) : null}
      {ticket.cause ? (
        <List.Item data-testid="ticket-cause">
          <h3 className={factStyles.blockTitle}>{t('ticket.cause')}</h3>
          <p className={factStyles.text}>{ticket.cause}</p>
        </List.Item>
      ) : null}
      {ticket.actionsTaken.length > 0 ? (
        <List.Item prefix={<span className={factStyles.label}>{t('tickets.more.actionsTaken')}</span>} data-testid="ticket-actions-taken">
          <span className={factStyles.value}>{ticket.actionsTaken.map((action) => t(`ticket.repairAction.${action}`)).join('、')}</span>
        </List.Item>
      ) : null}
      {ticket.resolution ? (
        <List.Item data-testid="ticket-resolution">
          <h3 className={factStyles.blockTitle}>{t('ticket.resolution')}</h3>
          <p className={factStyles.text}>{ticket.resolution}</p>
        </List.Item>
      ) : null}
      {ticket.timeSpentMinutes !== null ? (
        <List.Item prefix={<span className={factStyles.label}>{t('tickets.more.timeSpentShort')}</span>} data-testid="ticket-time-spent">
          <span className={`${factStyles.value} ${styles.minutes}`}>{t('tickets.more.minutes', { count: ticket.timeSpentMinutes })}</span>
        </List.Item>
      ) : null}
    </List>
  );
}
