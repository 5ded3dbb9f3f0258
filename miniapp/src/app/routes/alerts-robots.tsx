import { ErrorBlock } from 'antd-mobile';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AlertsTabs } from '../../features/alerts/components/alerts-tabs';
import { RobotPoolPage } from '../../features/alerts/components/robot-pool-page';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts/robots (机器人池): IT admins only, since the robots' webhooks are credentials. */
export function AlertRobotsRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.alertRobots')} backTo={paths.home.getHref()}>
      <ItOnly>
        <AlertsTabs active="robots" />
        {user.roles.includes('it_admin') ? <RobotPoolPage /> : <ErrorBlock status="default" title={t('error.forbidden')} description={t('robotPool.adminOnly')} data-testid="robot-pool-forbidden" />}
      </ItOnly>
    </PageLayout>
  );
}
