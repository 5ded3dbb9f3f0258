import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AlertsTabs } from '../../features/alerts/components/alerts-tabs';
import { MaintenancePage } from '../../features/alerts/components/maintenance-page';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts/maintenance (维护窗口), for IT; only IT admins plan and cancel. */
export function AlertMaintenanceRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.alertMaintenance')} backTo={paths.home.getHref()}>
      <ItOnly>
        <AlertsTabs active="maintenance" />
        <MaintenancePage canEdit={user.roles.includes('it_admin')} />
      </ItOnly>
    </PageLayout>
  );
}
