import { Button } from 'antd-mobile';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { TicketList } from '../../features/tickets/components/ticket-list';
import { useTicketList } from '../../features/tickets/hooks/use-ticket-list';
import { useI18n } from '../../lib/i18n';
import styles from './route-states.module.css';

/** /tickets?view=mine: the faults I reported. IT's views of /tickets live on the queue page. */
export function MyTicketsRoute() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const view = params.get('view');
  if (view && view !== 'mine') return <Navigate replace to={paths.ticketQueue.getHref({ view })} />;
  return (
    <PageLayout title={t('title.myTickets')} backTo={paths.home.getHref()}>
      <MyTickets />
    </PageLayout>
  );
}

function MyTickets() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useTicketList({ view: 'mine', filters: {} });
  return (
    <TicketList
      list={list}
      showReporter={false}
      onOpen={(ticket) => void navigate(paths.ticket.getHref(ticket.id))}
      emptyDescription={t('tickets.emptyMine')}
      emptyAction={
        <Button className={styles.action} color="primary" onClick={() => void navigate(paths.reportFault.getHref())} data-testid="tickets-report">
          {t('tile.report')}
        </Button>
      }
    />
  );
}
