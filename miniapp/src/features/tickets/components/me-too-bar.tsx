import type { Ticket } from '@dingops/shared/tickets';
import { Button, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { setMeToo } from '../api/set-me-too';
import { isOpenStatus } from '../utils/ticket-state';
import styles from './ticket-more.module.css';

type MeTooBarProps = { ticket: Ticket; viewerId: string | null; onChanged: () => void };

/**
 * 「N 人遇到」 and, for anyone but the reporter while the fault is open, 同样问题: one tap says
 * "me too" (and is followed on the ticket's news), another takes it back. Scope of impact, rule F3.
 */
export function MeTooBar({ ticket, viewerId, onChanged }: MeTooBarProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const canJoin = viewerId !== null && viewerId !== ticket.reporter.id && isOpenStatus(ticket.status) && ticket.mergedInto === null;
  if (!canJoin && ticket.affectedCount <= 1) return null;

  const toggle = async () => {
    setBusy(true);
    try {
      await setMeToo({ ticketId: ticket.id, affected: !ticket.affectedMe });
      Toast.show({ icon: 'success', content: t(ticket.affectedMe ? 'tickets.more.meTooLeft' : 'tickets.more.meTooJoined') });
      onChanged();
    } catch {
      // the API client has said why
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.meToo} data-testid="ticket-me-too">
      <span className={styles.affected} data-testid="ticket-affected-count" data-count={ticket.affectedCount}>
        {t('tickets.more.affectedCount', { count: ticket.affectedCount })}
      </span>
      {canJoin ? (
        <Button
          size="small"
          color="primary"
          fill={ticket.affectedMe ? 'solid' : 'outline'}
          loading={busy}
          aria-pressed={ticket.affectedMe}
          onClick={() => void toggle()}
          data-testid="ticket-me-too-button"
        >
          {ticket.affectedMe ? t('tickets.more.meTooDone') : t('tickets.more.meToo')}
        </Button>
      ) : null}
    </div>
  );
}
