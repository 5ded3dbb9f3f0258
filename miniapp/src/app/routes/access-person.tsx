import { useParams } from 'react-router';
import { AccessNotice } from '../../components/access-notice';
import { PageLoadFailed, PageLoading } from '../../components/load-states';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { getPerson } from '../../features/access/api/get-person';
import { PersonView } from '../../features/access/components/person-view';
import { useLoaded } from '../../hooks/use-loaded';
import { useI18n } from '../../lib/i18n';

/** /access/people/:userId: a person's whole access history (IT, auditors, the person, their manager). */
export function AccessPersonRoute() {
  const { t } = useI18n();
  const userId = useParams().userId ?? '';
  const { state, reload } = useLoaded((signal) => getPerson(userId, { signal }), userId);
  const refused = state.status === 'failed' && (state.error?.status === 403 || state.error?.status === 404);
  return (
    <PageLayout title={t('title.accessPerson')} backTo={paths.myAccess.getHref()}>
      {refused ? (
        <AccessNotice kind="no_access" title={t('access.noAccessTitle')} reason={t('access.personReason')} hint={t('access.adminHint')} action={{ label: t('title.myAccess'), to: paths.myAccess.getHref() }} />
      ) : state.status === 'loading' ? (
        <PageLoading />
      ) : state.status === 'failed' ? (
        <PageLoadFailed onRetry={reload} />
      ) : (
        <PersonView person={state.value} />
      )}
    </PageLayout>
  );
}
