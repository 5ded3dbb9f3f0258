import { lazy, Suspense } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { CenteredStatus } from '../../components/centered-status';
import { PageLayout } from '../../components/page-layout';
import { safeNextPath } from '../../config/paths';
import { LoginAsPicker } from '../../features/auth/components/login-as-picker';
import { useLoginFlow } from '../../features/auth/hooks/use-login-flow';
import { useSession } from '../../features/auth/hooks/use-session';
import { useI18n } from '../../lib/i18n';

// The screens for when no picker shows load only when needed: their illustrations are most of
// antd-mobile's ErrorBlock and Result, which the login page's first download does without.
const LoginFailed = lazy(async () => ({ default: (await import('../../features/auth/components/login-failed')).LoginFailed }));
const OpenInDingTalk = lazy(async () => ({ default: (await import('../../features/auth/components/open-in-dingtalk')).OpenInDingTalk }));
const RegistrationRejected = lazy(async () => ({ default: (await import('../../features/auth/components/registration-rejected')).RegistrationRejected }));

export function LoginRoute() {
  const [params] = useSearchParams();
  const session = useSession();
  const next = safeNextPath(params.get('next'));
  const loginAs = params.get('loginAs');
  if (session && (!loginAs || loginAs === session.user.dingtalkUserId)) return <Navigate replace to={next} />;
  return <LoginScreen next={next} loginAs={loginAs} />;
}

function LoginScreen({ next, loginAs }: { next: string; loginAs: string | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { state, pickPerson, retry } = useLoginFlow({ loginAs, onSignedIn: () => void navigate(next, { replace: true }) });

  return (
    <PageLayout title={t('title.login')}>
      {state.step === 'loading' ? <CenteredStatus text={t('login.loading')} /> : null}
      {state.step === 'signing-in' ? (
        <CenteredStatus text={state.name ? t('login.signingInAs', { name: state.name }) : t('login.signingIn')} />
      ) : null}
      {state.step === 'picker' ? <LoginAsPicker people={state.people} access={state.access} notice={state.notice} onPick={(person) => void pickPerson(person)} /> : null}
      <Suspense fallback={null}>
        {state.step === 'open-in-dingtalk' ? <OpenInDingTalk /> : null}
        {state.step === 'failed' ? <LoginFailed message={state.message} detail={state.detail} onRetry={retry} /> : null}
        {state.step === 'rejected' ? <RegistrationRejected reason={state.reason} onRetry={retry} /> : null}
      </Suspense>
    </PageLayout>
  );
}
