import { ErrorBlock } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { TicketQueue } from '../../features/tickets/components/ticket-queue';
import { readQueueSearch, writeQueueSearch, type QueueSearch } from '../../features/tickets/utils/queue-search';
import { useI18n } from '../../lib/i18n';

/** /tickets/queue, for IT. The server refuses the queue views to others too; this avoids a dead page. */
export function TicketQueueRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const allowed = user.roles.includes('it_staff') || user.roles.includes('it_admin');
  // Tabs, filters and the open ticket replace the URL rather than piling up history entries.
  const changeSearch = (search: QueueSearch) => void navigate(paths.ticketQueue.getHref(writeQueueSearch(search)), { replace: true });

  return (
    <PageLayout title={t('title.ticketQueue')} backTo={paths.home.getHref()}>
      {allowed ? (
        <TicketQueue search={readQueueSearch(params)} onSearchChange={changeSearch} onOpenTicket={(ticket) => void navigate(paths.ticket.getHref(ticket.id))} />
      ) : (
        <ErrorBlock status="default" title={t('error.forbidden')} description={t('tickets.queueForbidden')} data-testid="queue-forbidden" />
      )}
    </PageLayout>
  );
}
