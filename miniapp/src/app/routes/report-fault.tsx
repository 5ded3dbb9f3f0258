import { useNavigate } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { ReportForm } from '../../features/tickets/components/report-form';
import { useI18n } from '../../lib/i18n';

/** /tickets/new: report a fault, then land on the new ticket (back goes home, not to an empty form). */
export function ReportFaultRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  return (
    <PageLayout title={t('title.reportFault')} backTo={paths.home.getHref()}>
      <ReportForm userId={user.id} onCreated={(ticket) => void navigate(paths.ticket.getHref(ticket.id), { replace: true })} />
    </PageLayout>
  );
}
