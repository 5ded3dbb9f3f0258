import { ErrorBlock } from 'antd-mobile';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { SlaSettingsPage } from '../../features/settings/components/sla-settings-form';
import { useI18n } from '../../lib/i18n';

/** /settings/sla (服务时限与工作日历), for IT admins. */
export function SettingsSlaRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.settingsSla')} backTo={paths.settings.getHref()}>
      {user.roles.includes('it_admin') ? <SlaSettingsPage /> : <ErrorBlock status="default" title={t('error.forbidden')} description={t('error.noPermissionDescription')} data-testid="settings-forbidden" />}
    </PageLayout>
  );
}
