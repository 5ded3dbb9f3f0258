import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { CenteredStatus } from '../../components/centered-status';
import { PageLayout } from '../../components/page-layout';
import { safeNextPath } from '../../config/paths';
import { LoginAsPicker } from '../../features/auth/components/login-as-picker';
import { LoginFailed } from '../../features/auth/components/login-failed';
import { OpenInDingTalk } from '../../features/auth/components/open-in-dingtalk';
import { RegistrationRejected } from '../../features/auth/components/registration-rejected';
import { useLoginFlow } from '../../features/auth/hooks/use-login-flow';
import { useSession } from '../../features/auth/hooks/use-session';
import { useI18n } from '../../lib/i18n';

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
      {state.step === 'open-in-dingtalk' ? <OpenInDingTalk /> : null}
      {state.step === 'failed' ? <LoginFailed message={state.message} detail={state.detail} onRetry={retry} /> : null}
      {state.step === 'rejected' ? <RegistrationRejected reason={state.reason} onRetry={retry} /> : null}
    </PageLayout>
  );
}
