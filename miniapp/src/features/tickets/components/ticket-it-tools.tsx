import type { Ticket } from '@dingops/shared/tickets';
import { Button, Toast } from 'antd-mobile';
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { assignTicket } from '../api/assign-ticket';
import { getTicketReport } from '../api/get-ticket-report';
import { printHtml } from '../utils/print-report';
import { isOpenStatus } from '../utils/ticket-state';
import styles from './ticket-more.module.css';

// Sheets load when first opened: most visits to a ticket never open them.
const ItPersonSheet = lazy(async () => ({ default: (await import('./it-person-sheet')).ItPersonSheet }));
const MergeSheet = lazy(async () => ({ default: (await import('./merge-sheet')).MergeSheet }));
const FaultRecordSheet = lazy(async () => ({ default: (await import('./fault-record-sheet')).FaultRecordSheet }));

type Sheet = 'assign' | 'merge' | 'record' | null;
type TicketItToolsProps = { ticket: Ticket; onChanged: () => void };

/** IT's tools on a ticket: assign or transfer (F4), merge a duplicate, the fault record (F6) and its printable report. */
export function TicketItTools({ ticket, onChanged }: TicketItToolsProps) {
  const { t } = useI18n();
  const [sheet, setSheet] = useState<Sheet>(null);
  const [printing, setPrinting] = useState(false);
  const open = isOpenStatus(ticket.status) && ticket.mergedInto === null;
  const close = () => setSheet(null);
  const done = () => {
    setSheet(null);
    onChanged();
  };

  const assign = async (assigneeId: string) => {
    if (assigneeId === ticket.assignee?.id) return close();
    try {
      await assignTicket({ ticketId: ticket.id, assigneeId });
      Toast.show({ icon: 'success', content: t(ticket.assignee ? 'tickets.more.transferred' : 'tickets.more.assigned') });
      done();
    } catch {
      // the API client has said why
    }
  };

  const print = async () => {
    setPrinting(true);
    try {
      await printHtml(await getTicketReport(ticket.id));
    } catch {
      // the API client has said why
    } finally {
      setPrinting(false);
    }
  };

  return (
    <div className={styles.tools} data-testid="ticket-it-tools">
      {open ? (
        <Button size="small" onClick={() => setSheet('assign')} data-testid="ticket-assign">
          {ticket.assignee ? t('tickets.more.transfer') : t('tickets.more.assign')}
        </Button>
      ) : null}
      {open ? (
        <Button size="small" onClick={() => setSheet('merge')} data-testid="ticket-merge">
          {t('tickets.more.mergeInto')}
        </Button>
      ) : null}
      {ticket.status !== 'cancelled' ? (
        <Button size="small" onClick={() => setSheet('record')} data-testid="ticket-record">
          {t('tickets.more.faultRecord')}
        </Button>
      ) : null}
      <Button size="small" loading={printing} onClick={() => void print()} data-testid="ticket-print">
        {t('tickets.more.print')}
      </Button>
      <Suspense fallback={null}>
        {sheet === 'assign' ? (
          <ItPersonSheet
            title={ticket.assignee ? t('tickets.more.transfer') : t('tickets.more.assign')}
            currentId={ticket.assignee?.id ?? null}
            onPick={(person) => (person ? void assign(person.id) : close())}
            onClose={close}
            testId="assign-sheet"
          />
        ) : null}
        {sheet === 'merge' ? <MergeSheet ticket={ticket} onClose={close} onMerged={done} /> : null}
        {sheet === 'record' ? <FaultRecordSheet ticket={ticket} onClose={close} onSaved={done} /> : null}
      </Suspense>
    </div>
  );
}
