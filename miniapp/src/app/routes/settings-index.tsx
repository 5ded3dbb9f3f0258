import { ErrorBlock } from 'antd-mobile';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { SettingsMenu } from '../../features/settings/components/settings-menu';
import { useI18n } from '../../lib/i18n';

/** /settings (服务设置), for IT admins. The server enforces the role too; this only avoids a dead page. */
export function SettingsIndexRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.settings')} backTo={paths.home.getHref()}>
      {user.roles.includes('it_admin') ? <SettingsMenu /> : <ErrorBlock status="default" title={t('error.forbidden')} description={t('error.noPermissionDescription')} data-testid="settings-forbidden" />}
    </PageLayout>
  );
}
