import { ErrorBlock } from 'antd-mobile';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { CategoryTreeEditor } from '../../features/settings/components/category-tree-editor';
import { useI18n } from '../../lib/i18n';

/** /settings/categories (故障分类), for IT admins. */
export function SettingsCategoriesRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.settingsCategories')} backTo={paths.settings.getHref()}>
      {user.roles.includes('it_admin') ? <CategoryTreeEditor /> : <ErrorBlock status="default" title={t('error.forbidden')} description={t('error.noPermissionDescription')} data-testid="settings-forbidden" />}
    </PageLayout>
  );
}
