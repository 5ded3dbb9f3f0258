import { useNavigate, useSearchParams } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../components/load-states';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { getCatalog } from '../../features/access/api/get-catalog';
import { RequestForm } from '../../features/access/components/request-form';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useLoaded } from '../../hooks/use-loaded';
import { useI18n } from '../../lib/i18n';

function positiveInt(value: string | null): number | null {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : null;
}

/** /access/request (申请权限); `?roleId=&extend=` from 续期. Lands on the new request's page. */
export function AccessRequestRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { state, reload } = useLoaded((signal) => getCatalog({ signal }), 'catalog');
  const initial = { roleId: positiveInt(params.get('roleId')), extendsGrantId: positiveInt(params.get('extend')), forUserId: params.get('for') };
  return (
    <PageLayout title={t(initial.extendsGrantId ? 'title.accessExtend' : 'title.accessRequestNew')} backTo={paths.myAccess.getHref()}>
      {state.status === 'loading' ? <PageLoading /> : null}
      {state.status === 'failed' ? <PageLoadFailed onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <RequestForm
          catalog={state.value}
          initial={initial}
          canAskForTeam={user.roles.includes('manager')}
          onCreated={(id) => void navigate(paths.accessRequest.getHref(id), { replace: true })}
        />
      ) : null}
    </PageLayout>
  );
}
