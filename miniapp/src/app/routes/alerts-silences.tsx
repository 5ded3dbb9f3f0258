import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AlertsTabs } from '../../features/alerts/components/alerts-tabs';
import { SilencesPage } from '../../features/alerts/components/silences-page';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts/silences (静默), for IT. */
export function AlertSilencesRoute() {
  const { t } = useI18n();
  return (
    <PageLayout title={t('title.alertSilences')} backTo={paths.home.getHref()}>
      <ItOnly>
        <AlertsTabs active="silences" />
        <SilencesPage />
      </ItOnly>
    </PageLayout>
  );
}
