import { useNavigate } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../components/load-states';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { getCatalog } from '../../features/access/api/get-catalog';
import { listReviews } from '../../features/access/api/list-reviews';
import { CampaignsView } from '../../features/access/components/campaigns-view';
import { RoleGate } from '../../features/access/components/role-gate';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useLoaded } from '../../hooks/use-loaded';
import { useI18n } from '../../lib/i18n';

/** /access/reviews (it_admin, auditor): the campaigns; each opens its report. */
export function AccessReviewsRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.accessReviews')} backTo={paths.myAccess.getHref()}>
      <RoleGate allowed={['it_admin', 'auditor']} userRoles={user.roles}>
        <Campaigns canCreate={user.roles.includes('it_admin')} />
      </RoleGate>
    </PageLayout>
  );
}

function Campaigns({ canCreate }: { canCreate: boolean }) {
  const navigate = useNavigate();
  const { state, reload } = useLoaded(async (signal) => ({ reviews: await listReviews({ signal }), catalog: await getCatalog({ signal }) }), 'campaigns');
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed onRetry={reload} />;
  return (
    <CampaignsView
      reviews={state.value.reviews}
      catalog={state.value.catalog}
      canCreate={canCreate}
      onOpen={(review) => void navigate(paths.accessReviewReport.getHref(review.id))}
      onCreated={(id) => void navigate(paths.accessReviewReport.getHref(id))}
    />
  );
}
