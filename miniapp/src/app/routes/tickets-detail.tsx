import { ticketIdParamsSchema } from '@dingops/shared/tickets';
import { ErrorBlock } from 'antd-mobile';
import { useParams } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { TicketDetailView } from '../../features/tickets/components/ticket-detail-view';
import { useI18n } from '../../lib/i18n';

/** /tickets/:ticketId. Opened cold (from a DingTalk card), back goes to the person's own list. */
export function TicketDetailRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const params = useParams();
  const parsed = ticketIdParamsSchema.safeParse(params);
  const isIt = user.roles.includes('it_staff') || user.roles.includes('it_admin');
  return (
    <PageLayout title={t('title.ticket')} backTo={isIt ? paths.ticketQueue.getHref() : paths.myTickets.getHref()}>
      {parsed.success ? (
        <TicketDetailView key={parsed.data.ticketId} ticketId={parsed.data.ticketId} />
      ) : (
        <ErrorBlock status="empty" title={t('error.notFound')} description={null} data-testid="ticket-error" />
      )}
    </PageLayout>
  );
}
