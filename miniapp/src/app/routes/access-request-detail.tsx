import { useParams } from 'react-router';
import { AccessNotice } from '../../components/access-notice';
import { PageLoadFailed, PageLoading } from '../../components/load-states';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { getRequest } from '../../features/access/api/get-request';
import { RequestDetail } from '../../features/access/components/request-detail';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useLoaded } from '../../hooks/use-loaded';
import { useVisibleInterval } from '../../hooks/use-visible-interval';
import { useI18n } from '../../lib/i18n';

/** /access/requests/:id: one request. Polls while pending: the decision arrives from DingTalk. */
export function AccessRequestDetailRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const id = Number(useParams().requestId);
  const valid = Number.isInteger(id) && id > 0;
  const { state, reload } = useLoaded((signal) => (valid ? getRequest(id, { signal }) : Promise.reject(new Error('bad id'))), String(id), { keepOnFailure: true });
  useVisibleInterval(() => {
    if (state.status === 'ready' && (state.value.status === 'pending' || !state.value.approvalUrl)) reload();
  }, 5000);
  const notFound = !valid || (state.status === 'failed' && (state.error?.status === 404 || state.error?.status === 403));
  return (
    <PageLayout title={t('title.accessRequest')} backTo={paths.myAccess.getHref('requests')}>
      {notFound ? (
        <AccessNotice kind="not_found" title={t('access.notFoundTitle')} reason={t('access.notFoundReason')} hint={t('access.pageNotFoundHint')} action={{ label: t('title.myAccess'), to: paths.myAccess.getHref() }} />
      ) : state.status === 'loading' ? (
        <PageLoading />
      ) : state.status === 'failed' ? (
        <PageLoadFailed onRetry={reload} />
      ) : (
        <RequestDetail request={state.value} viewerId={user.dingtalkUserId} onChanged={reload} />
      )}
    </PageLayout>
  );
}
