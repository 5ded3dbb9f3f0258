import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AlertsTabs } from '../../features/alerts/components/alerts-tabs';
import { TimingPage } from '../../features/alerts/components/timing-page';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts/timing (通知节奏), for IT; only IT admins edit. */
export function AlertTimingRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.alertTiming')} backTo={paths.home.getHref()}>
      <ItOnly>
        <AlertsTabs active="timing" />
        <TimingPage canEdit={user.roles.includes('it_admin')} />
      </ItOnly>
    </PageLayout>
  );
}
