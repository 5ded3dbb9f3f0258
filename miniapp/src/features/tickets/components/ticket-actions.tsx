import type { Ticket, TicketAction } from '@dingops/shared/tickets';
import { Button, Dialog, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { transitionTicket } from '../api/transition-ticket';
import { ResolveSheet } from './resolve-sheet';
import styles from './ticket-actions.module.css';

/** Left to right as in DingTalk's approval bar: the step back or out first, the step forward last. */
const displayOrder: readonly TicketAction[] = ['cancel', 'close', 'reopen', 'diagnose', 'accept', 'resolve', 'confirm'];
/** Steps that move the work forward; the last one shown is the primary button. Close and reopen never are. */
const forward: readonly TicketAction[] = ['accept', 'diagnose', 'resolve', 'confirm'];
/** Actions that cannot be taken back without another round, so they ask first. */
const confirmed: Partial<Record<TicketAction, 'ticket.confirm.cancel' | 'ticket.confirm.close' | 'ticket.confirm.reopen'>> = {
  cancel: 'ticket.confirm.cancel',
  close: 'ticket.confirm.close',
  reopen: 'ticket.confirm.reopen',
};

type TicketActionsProps = { ticket: Ticket; onChanged: (ticket: Ticket) => void };

/** Exactly the buttons the server allows this person (`allowedActions`); nothing when there are none. */
export function TicketActions({ ticket, onChanged }: TicketActionsProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<TicketAction | null>(null);
  const [resolving, setResolving] = useState(false);
  const actions = displayOrder.filter((action) => ticket.allowedActions.includes(action));
  if (actions.length === 0) return null;
  const primary = actions.filter((action) => forward.includes(action)).at(-1) ?? null;

  const done = (updated: Ticket, action: TicketAction) => {
    Toast.show({ icon: 'success', content: t(`ticket.actionDone.${action}`) });
    onChanged(updated);
  };

  const run = async (action: TicketAction) => {
    if (action === 'resolve') {
      setResolving(true);
      return;
    }
    const question = confirmed[action];
    if (question && !(await Dialog.confirm({ content: t(question), confirmText: t(`ticket.action.${action}`), cancelText: t('common.cancel') }))) return;
    setBusy(action);
    try {
      done(await transitionTicket({ ticketId: ticket.id, body: { action } }), action);
    } catch {
      // the API client has shown why (e.g. someone else acted first); re-read to show where it stands
      onChanged(ticket);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={styles.bar} data-testid="ticket-actions">
      {actions.map((action) => (
        <Button
          key={action}
          className={styles.button}
          color={action === primary ? 'primary' : action === 'cancel' ? 'danger' : 'default'}
          fill={action === 'cancel' ? 'outline' : 'solid'}
          loading={busy === action}
          disabled={busy !== null && busy !== action}
          onClick={() => void run(action)}
          data-testid={`ticket-action-${action}`}
        >
          {t(`ticket.action.${action}`)}
        </Button>
      ))}
      <ResolveSheet
        ticket={resolving ? ticket : null}
        onClose={() => setResolving(false)}
        onResolved={(updated) => {
          setResolving(false);
          done(updated, 'resolve');
        }}
      />
    </div>
  );
}
