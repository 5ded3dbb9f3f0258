import type { Ticket } from '@dingops/shared/tickets';
import { Button, ErrorBlock, InfiniteScroll, List, PullToRefresh } from 'antd-mobile';
import type { ReactNode } from 'react';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import type { useTicketList } from '../hooks/use-ticket-list';
import { TicketRow } from './ticket-row';
import styles from './ticket-list.module.css';

type TicketListProps = {
  list: ReturnType<typeof useTicketList>;
  showReporter: boolean;
  selectedId?: string | null;
  onOpen: (ticket: Ticket) => void;
  emptyDescription: string;
  emptyAction?: ReactNode;
};

/** Tickets as DingTalk list rows: pull to refresh, more pages on scroll, DingTalk's empty and error states. */
export function TicketList({ list, showReporter, selectedId, onOpen, emptyDescription, emptyAction }: TicketListProps) {
  const { t } = useI18n();
  const { state, refresh, loadMore, reload } = list;
  return (
    // The API client has already shown a failed refresh as a toast; the rows stay as they were.
    <PullToRefresh onRefresh={() => refresh().catch(() => undefined)}>
      {state.status === 'failed' ? (
        <ErrorBlock className={styles.empty} status="disconnected" title={t('error.pageTitle')} description={state.error ? describeApiError(state.error) : t('error.pageDescription')}>
          <Button color="primary" className={styles.action} onClick={reload}>
            {t('common.retry')}
          </Button>
        </ErrorBlock>
      ) : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <ErrorBlock className={styles.empty} status="empty" title={t('tickets.empty')} description={emptyDescription} data-testid="tickets-empty">
          {emptyAction}
        </ErrorBlock>
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <>
          <List className={styles.list} data-testid="tickets-list">
            {state.items.map((ticket) => (
              <TicketRow key={ticket.id} ticket={ticket} showReporter={showReporter} selected={ticket.id === selectedId} onOpen={onOpen} />
            ))}
          </List>
          <InfiniteScroll loadMore={loadMore} hasMore={state.nextCursor !== null} />
        </>
      ) : null}
      {state.status === 'loading' ? <List className={styles.list}>{skeletonRows}</List> : null}
    </PullToRefresh>
  );
}

const skeletonRows = [0, 1, 2, 3, 4].map((index) => (
  <List.Item key={index} className={styles.skeleton}>
    <span className={styles.skeletonLine} />
    <span className={styles.skeletonShort} />
  </List.Item>
));
