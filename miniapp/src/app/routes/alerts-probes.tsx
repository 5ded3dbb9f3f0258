import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AlertsTabs } from '../../features/alerts/components/alerts-tabs';
import { ProbesPage } from '../../features/alerts/components/probes-page';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts/probes (探测), for IT; only IT admins add, edit or delete probes. */
export function AlertProbesRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.alertProbes')} backTo={paths.home.getHref()}>
      <ItOnly>
        <AlertsTabs active="probes" />
        <ProbesPage canEdit={user.roles.includes('it_admin')} />
      </ItOnly>
    </PageLayout>
  );
}
