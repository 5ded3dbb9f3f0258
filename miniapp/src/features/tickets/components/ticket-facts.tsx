import type { Ticket } from '@dingops/shared/tickets';
import { List } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { formatDateTime } from '../utils/format-time';
import styles from './ticket-facts.module.css';
import { categoryName } from '../utils/category-name';

function Fact({ label, children, testId }: { label: MessageKey; children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  return (
    <List.Item prefix={<span className={styles.label}>{t(label)}</span>} data-testid={testId}>
      <span className={styles.value}>{children}</span>
    </List.Item>
  );
}

function TextBlock({ label, text, testId }: { label: MessageKey; text: string | null; testId: string }) {
  const { t } = useI18n();
  if (!text) return null;
  return (
    <List.Item data-testid={testId}>
      <h3 className={styles.blockTitle}>{t(label)}</h3>
      <p className={styles.text}>{text}</p>
    </List.Item>
  );
}

/** Who, what, scope, when; then the description and steps (the fault record has its own section). */
export function TicketFacts({ ticket }: { ticket: Ticket }) {
  const { t, locale } = useI18n();
  const reporter = [ticket.reporter.name, ticket.reporter.department].filter(Boolean).join(' · ');
  return (
    <>
      <List header={t('ticket.details')} className={styles.list}>
        <Fact label="ticket.reporter">{reporter}</Fact>
        <Fact label="ticket.assignee" testId="ticket-assignee">
          {ticket.assignee ? ticket.assignee.name : <span className={styles.muted}>{t('ticket.unassigned')}</span>}
        </Fact>
        <Fact label="ticket.categoryLabel">{categoryName(ticket.category)}</Fact>
        <Fact label="ticket.impactLabel">{t(`ticket.impact.${ticket.impact}`)}</Fact>
        <Fact label="ticket.urgencyLabel">{t(`ticket.urgency.${ticket.urgency}`)}</Fact>
        <Fact label="ticket.startedAt">{formatDateTime(ticket.startedAt, locale)}</Fact>
        <Fact label="ticket.createdAt">{formatDateTime(ticket.createdAt, locale)}</Fact>
        {ticket.contact ? <Fact label="ticket.contact">{ticket.contact}</Fact> : null}
      </List>
      <List className={styles.list}>
        <TextBlock label="ticket.description" text={ticket.description} testId="ticket-description" />
        <TextBlock label="ticket.steps" text={ticket.steps} testId="ticket-steps" />
      </List>
    </>
  );
}
