import { Button } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../components/load-states';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { getReviewReport } from '../../features/access/api/get-review-report';
import { ReportView } from '../../features/access/components/report-view';
import { RoleGate } from '../../features/access/components/role-gate';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useLoaded } from '../../hooks/use-loaded';
import { useI18n } from '../../lib/i18n';
import styles from '../../features/access/components/access.module.css';

/** /access/reviews/:id/report (it_admin, auditor): a campaign's evidence and its CSV. */
export function AccessReviewReportRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const id = Number(useParams().reviewId);
  return (
    <PageLayout title={t('title.accessReviewReport')} backTo={paths.accessReviews.getHref()}>
      <RoleGate allowed={['it_admin', 'auditor']} userRoles={user.roles}>
        <Report id={id} />
      </RoleGate>
    </PageLayout>
  );
}

function Report({ id }: { id: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { state, reload } = useLoaded((signal) => getReviewReport(id, { signal }), String(id));
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed onRetry={reload} />;
  return (
    <>
      <div className={styles.section}>
        <Button size="small" onClick={() => void navigate(paths.accessReview.getHref(id))} data-testid="access-report-items">
          {t('access.report.items')}
        </Button>
      </div>
      <ReportView report={state.value} />
    </>
  );
}
