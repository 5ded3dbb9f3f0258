import { ErrorBlock, List } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { UserDirectory } from '../../features/users/components/user-directory';
import { useI18n } from '../../lib/i18n';

/** /admin/users, for IT admins. The server enforces the role too; this only avoids a dead page. */
export function AdminUsersRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const allowed = user.roles.includes('it_admin');
  return (
    <PageLayout title={t('title.adminUsers')} backTo={paths.home.getHref()}>
      {allowed ? (
        <>
          <List>
            <List.Item onClick={() => void navigate(paths.adminRegistrations.getHref())} description={t('registration.linkDescription')} data-testid="admin-registrations-link">
              {t('title.adminRegistrations')}
            </List.Item>
          </List>
          <UserDirectory />
        </>
      ) : (
        <ErrorBlock status="default" title={t('error.forbidden')} description={t('error.noPermissionDescription')} data-testid="admin-forbidden" />
      )}
    </PageLayout>
  );
}
