import { useNavigate } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { FeatureGrid } from '../../features/home/components/feature-grid';
import { SettingsList } from '../../features/home/components/settings-list';
import { UserSummary } from '../../features/home/components/user-summary';
import { visibleTiles } from '../../features/home/utils/feature-tiles';
import { clearSession } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';

export function HomeRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();

  const logout = () => {
    clearSession();
    void navigate(paths.login.getHref(), { replace: true });
  };

  return (
    <PageLayout title={t('title.home')}>
      <UserSummary user={user} />
      <FeatureGrid tiles={visibleTiles(user.roles)} />
      <SettingsList onLogout={logout} />
    </PageLayout>
  );
}
