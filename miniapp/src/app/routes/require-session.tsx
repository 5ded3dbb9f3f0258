import { Navigate, Outlet, useLocation } from 'react-router';
import { paths } from '../../config/paths';
import { useRefreshCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useSession } from '../../features/auth/hooks/use-session';
import { RegistrationPendingRoute } from './registration-pending';

/**
 * Guards every page but login. Sends the visitor to login when there is no live session, or when
 * `?loginAs=` names someone other than the current user (the sandbox console switching people). A
 * person waiting for registration review sees the waiting page on every URL (the server refuses them
 * everything but /me anyway).
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  useRefreshCurrentUser(session?.token ?? null);

  const search = new URLSearchParams(location.search);
  const loginAs = search.get('loginAs');
  search.delete('loginAs');
  const rest = search.toString();
  const next = `${location.pathname}${rest ? `?${rest}` : ''}`;

  if (!session || (loginAs && loginAs !== session.user.dingtalkUserId)) {
    return <Navigate replace to={paths.login.getHref({ next, loginAs: loginAs ?? undefined })} />;
  }
  if (loginAs) return <Navigate replace to={next} />;
  if (session.user.status === 'pending') return <RegistrationPendingRoute user={session.user} />;
  return <Outlet />;
}
