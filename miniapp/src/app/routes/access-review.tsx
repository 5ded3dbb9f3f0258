import { Button } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import { AccessNotice } from '../../components/access-notice';
import { PageLoadFailed, PageLoading } from '../../components/load-states';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { ReviewView } from '../../features/access/components/review-view';
import { useReview } from '../../features/access/hooks/use-review';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';
import styles from '../../features/access/components/access.module.css';

/** /access/reviews/:id: a reviewer decides keep / revoke / shorten for each grant (rule S2). */
export function AccessReviewRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const id = Number(useParams().reviewId);
  const { state, reload } = useReview(Number.isInteger(id) && id > 0 ? id : 0);
  const canReport = user.roles.includes('it_admin') || user.roles.includes('auditor');
  const missing = state.status === 'failed' && (state.error?.status === 404 || state.error?.status === 403 || state.error?.status === 400);
  return (
    <PageLayout title={t('title.accessReview')} backTo={paths.myAccess.getHref('reviews')}>
      {missing ? (
        <AccessNotice kind="not_found" title={t('access.reviewNotFoundTitle')} reason={t('access.reviewNotFoundReason')} hint={t('access.pageNotFoundHint')} action={{ label: t('title.myAccess'), to: paths.myAccess.getHref() }} />
      ) : state.status === 'loading' ? (
        <PageLoading />
      ) : state.status === 'failed' ? (
        <PageLoadFailed onRetry={reload} />
      ) : (
        <>
          {canReport ? (
            <div className={styles.section}>
              <Button size="small" onClick={() => void navigate(paths.accessReviewReport.getHref(id))} data-testid="access-review-open-report">
                {t('access.review.report')}
              </Button>
            </div>
          ) : null}
          <ReviewView review={state.value} viewerId={user.dingtalkUserId} onDecided={reload} />
        </>
      )}
    </PageLayout>
  );
}
