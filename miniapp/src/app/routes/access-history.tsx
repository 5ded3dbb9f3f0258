import { PageLoadFailed, PageLoading } from '../../components/load-states';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { getCatalog } from '../../features/access/api/get-catalog';
import { HistoryView } from '../../features/access/components/history-view';
import { RoleGate } from '../../features/access/components/role-gate';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useLoaded } from '../../hooks/use-loaded';
import { useI18n } from '../../lib/i18n';

/** /access/history (auditor, it_admin): who had access to a system between two dates. */
export function AccessHistoryRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.accessHistory')} backTo={paths.myAccess.getHref()}>
      <RoleGate allowed={['auditor', 'it_admin']} userRoles={user.roles}>
        <History />
      </RoleGate>
    </PageLayout>
  );
}

function History() {
  const { state, reload } = useLoaded((signal) => getCatalog({ signal }), 'catalog');
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed onRetry={reload} />;
  return <HistoryView catalog={state.value} />;
}
