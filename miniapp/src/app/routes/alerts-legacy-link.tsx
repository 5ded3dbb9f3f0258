import { alertGroupIdParamsSchema } from '@dingops/shared/alerts';
import { Navigate, useLocation, useParams } from 'react-router';
import { paths } from '../../config/paths';
import { NotFoundRoute } from './not-found';

/**
 * /alerts/<id>: the link cards, messages and DINGs carried before they named /alerts/groups/<id>.
 * Those messages stay in people's chats, so the old form keeps working by redirecting.
 */
export function LegacyAlertLinkRoute() {
  const parsed = alertGroupIdParamsSchema.safeParse(useParams());
  const { search } = useLocation();
  if (!parsed.success) return <NotFoundRoute />;
  return <Navigate replace to={`${paths.alertGroup.getHref(parsed.data.groupId)}${search}`} />;
}
