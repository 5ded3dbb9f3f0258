import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AlertGroupList } from '../../features/alerts/components/alert-group-list';
import { AlertsTabs } from '../../features/alerts/components/alerts-tabs';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts (告警), for IT: the live list of alert groups. */
export function AlertsListRoute() {
  const { t } = useI18n();
  return (
    <PageLayout title={t('title.alerts')} backTo={paths.home.getHref()}>
      <ItOnly>
        <AlertsTabs active="groups" />
        <AlertGroupList />
      </ItOnly>
    </PageLayout>
  );
}
