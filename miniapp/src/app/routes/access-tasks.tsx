import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { RoleGate } from '../../features/access/components/role-gate';
import { TasksView } from '../../features/access/components/tasks-view';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';

/** /access/tasks (it_staff, it_admin): manual provisioning and de-provisioning steps. */
export function AccessTasksRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.accessTasks')} backTo={paths.myAccess.getHref()}>
      <RoleGate allowed={['it_staff', 'it_admin']} userRoles={user.roles}>
        <TasksView />
      </RoleGate>
    </PageLayout>
  );
}
