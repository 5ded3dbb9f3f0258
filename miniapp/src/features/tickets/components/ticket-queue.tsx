import type { Ticket } from '@dingops/shared/tickets';
import { useEffect } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { TicketFilters } from '../api/list-tickets';
import { useMediaQuery } from '../hooks/use-media-query';
import { useTicketList } from '../hooks/use-ticket-list';
import type { QueueSearch, QueueView } from '../utils/queue-search';
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

  // The app is one centred column elsewhere; the two-pane queue asks for the whole window.
  useEffect(() => {
    document.documentElement.dataset.dopLayout = 'two-pane';
    return () => {
      delete document.documentElement.dataset.dopLayout;
    };
  }, []);

  const changeView = (view: QueueView) => onSearchChange({ view, filters: search.filters, ticket: null });
  const changeFilters = (filters: TicketFilters) => onSearchChange({ ...search, filters });
  const open = (ticket: Ticket) => (twoPane ? onSearchChange({ ...search, ticket: ticket.id }) : onOpenTicket(ticket));

  return (
    <div className={twoPane ? `${styles.queue} ${styles.twoPane}` : styles.queue}>
      <div className={styles.listPane}>
        <QueueFilters view={search.view} filters={search.filters} onViewChange={changeView} onFiltersChange={changeFilters} onRefresh={list.reload} />
        <TicketList list={list} showReporter selectedId={twoPane ? search.ticket : null} onOpen={open} emptyDescription={t('tickets.emptyQueue')} />
      </div>
      {twoPane ? (
        <div className={styles.detailPane} data-testid="queue-detail-pane">
          {search.ticket ? (
            <TicketDetailView key={search.ticket} ticketId={search.ticket} onChanged={list.replaceTicket} />
          ) : (
            <p className={styles.pickOne}>{t('tickets.pickOne')}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
