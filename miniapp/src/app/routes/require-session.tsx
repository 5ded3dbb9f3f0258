import { Navigate, Outlet, useLocation } from 'react-router';
import { paths } from '../../config/paths';
import { useRefreshCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useSession } from '../../features/auth/hooks/use-session';

/**
 * Guards every page but login. Sends the visitor to login when there is no live session, or when
 * `?loginAs=` names someone other than the current user (the sandbox console switching people).
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
  return <Outlet />;
}
