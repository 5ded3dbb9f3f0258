import { ErrorBlock } from 'antd-mobile';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { RegistrationReview } from '../../features/users/components/registration-review';
import { useI18n } from '../../lib/i18n';

/** /admin/registrations (账号审核): IT admins pass or refuse new people; IT staff may look. */
export function AdminRegistrationsRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const isAdmin = user.roles.includes('it_admin');
  const mayRead = isAdmin || user.roles.includes('it_staff');
  return (
    <PageLayout title={t('title.adminRegistrations')} backTo={paths.adminUsers.getHref()} wide>
      {mayRead ? (
        <RegistrationReview canDecide={isAdmin} />
      ) : (
        <ErrorBlock status="default" title={t('error.forbidden')} description={t('error.noPermissionDescription')} data-testid="admin-forbidden" />
      )}
    </PageLayout>
  );
}
