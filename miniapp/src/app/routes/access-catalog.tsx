import { PageLoadFailed, PageLoading } from '../../components/load-states';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { getCatalog } from '../../features/access/api/get-catalog';
import { CatalogView } from '../../features/access/components/catalog-view';
import { RoleGate } from '../../features/access/components/role-gate';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useLoaded } from '../../hooks/use-loaded';
import { useI18n } from '../../lib/i18n';

/** /access/catalog (it_admin): the systems and roles people may ask for. */
export function AccessCatalogRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.accessCatalog')} backTo={paths.myAccess.getHref()}>
      <RoleGate allowed={['it_admin']} userRoles={user.roles}>
        <Catalog />
      </RoleGate>
    </PageLayout>
  );
}

function Catalog() {
  const { state, reload } = useLoaded((signal) => getCatalog({ signal }), 'catalog');
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed onRetry={reload} />;
  return <CatalogView catalog={state.value} onChanged={reload} />;
}
