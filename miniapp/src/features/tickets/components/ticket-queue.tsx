import type { Ticket } from '@dingops/shared/tickets';
import { Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useMediaQuery } from '../../../hooks/use-media-query';
import { exportTickets } from '../api/export-tickets';
import { useI18n } from '../../../lib/i18n';
import type { TicketFilters } from '../api/list-tickets';
import { useTicketList } from '../hooks/use-ticket-list';
import type { QueueSearch, QueueView } from '../utils/queue-search';
import { canSaveFiles, saveBlob } from '../../../lib/save-file';
import { QueueFilters } from './queue-filters';
import { TicketDetailView } from './ticket-detail-view';
import { TicketList } from './ticket-list';
import styles from './ticket-queue.module.css';

type TicketQueueProps = {
  search: QueueSearch;
  /** Replace the queue's URL state (tab, filters, open ticket). */
  onSearchChange: (search: QueueSearch) => void;
  /** On a phone a ticket opens as its own page. */
  onOpenTicket: (ticket: Ticket) => void;
};

/** IT's queue. On a phone a list; from 1024px the list with the chosen ticket beside it. */
export function TicketQueue({ search, onSearchChange, onOpenTicket }: TicketQueueProps) {
  const { t } = useI18n();
  const twoPane = useMediaQuery('(min-width: 1024px)');
  const list = useTicketList({ view: search.view, filters: search.filters });
  const [exporting, setExporting] = useState(false);

  // The app is one centred column elsewhere; the two-pane queue asks for the whole window.
  useEffect(() => {
    document.documentElement.dataset.dopLayout = 'two-pane';
    return () => {
      delete document.documentElement.dataset.dopLayout;
    };
  }, []);

  const changeView = (view: QueueView) => onSearchChange({ view, filters: search.filters, ticket: null });
  const changeFilters = (filters: TicketFilters) => onSearchChange({ ...search, filters });
  // DingTalk's phone clients cannot save a file from a page: say where export works instead.
  const exportCsv = async () => {
    if (!canSaveFiles()) return Toast.show({ content: t('tickets.more.exportDesktopOnly'), duration: 3000 });
    setExporting(true);
    try {
      const stamp = new Date().toISOString().slice(0, 10);
      saveBlob(await exportTickets({ view: search.view, filters: search.filters }), `tickets-${search.view}-${stamp}.csv`);
    } catch {
      // the API client has said why
    } finally {
      setExporting(false);
    }
  };
  const open = (ticket: Ticket) => (twoPane ? onSearchChange({ ...search, ticket: ticket.id }) : onOpenTicket(ticket));

  return (
    <div className={twoPane ? `${styles.queue} ${styles.twoPane}` : styles.queue}>
      <div className={styles.listPane}>
        <QueueFilters view={search.view} filters={search.filters} onViewChange={changeView} onFiltersChange={changeFilters} onRefresh={list.reload} onExport={() => void exportCsv()} exporting={exporting} />
        <TicketList list={list} showReporter selectedId={twoPane ? search.ticket : null} onOpen={open} emptyDescription={t('tickets.emptyQueue')} />
      </div>
      {twoPane ? (
        <div className={styles.detailPane} data-testid="queue-detail-pane">
          {search.ticket ? (
            <TicketDetailView key={search.ticket} ticketId={search.ticket} onChanged={list.replaceItem} />
          ) : (
            <p className={styles.pickOne}>{t('tickets.pickOne')}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
