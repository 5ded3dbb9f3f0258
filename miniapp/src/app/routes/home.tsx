import { useNavigate } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { getAlertSummary } from '../../features/alerts/api/alert-groups';
import { useVisibleInterval } from '../../hooks/use-visible-interval';
import { FeatureGrid, type TileBadge } from '../../features/home/components/feature-grid';
import { HomeLayout } from '../../features/home/components/home-layout';
import { SettingsList } from '../../features/home/components/settings-list';
import { UserSummary } from '../../features/home/components/user-summary';
import { visibleTiles } from '../../features/home/utils/feature-tiles';
import { useLoaded } from '../../hooks/use-loaded';
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
    <PageLayout title={t('title.home')} wide>
      <HomeLayout
        summary={<UserSummary user={user} />}
        services={<FeatureGrid tiles={visibleTiles(user.roles)} badges={useAlertBadge(user.roles.includes('it_staff') || user.roles.includes('it_admin'))} />}
        settings={<SettingsList onLogout={logout} />}
      />
    </PageLayout>
  );
}

/** IT's 告警 tile counts the level-1/2 groups no one has claimed (red while a level 1 waits). */
function useAlertBadge(isIt: boolean): { alerts?: TileBadge } {
  const { t } = useI18n();
  const summary = useLoaded((signal) => (isIt ? getAlertSummary(signal) : Promise.resolve(null)), `alert-summary:${isIt}`, { keepOnFailure: true });
  useVisibleInterval(() => {
    if (isIt) summary.reload();
  }, 30_000);
  if (summary.state.status !== 'ready' || !summary.state.value) return {};
  const waiting = summary.state.value.levels.filter((entry) => entry.level < 3);
  const count = waiting.reduce((sum, entry) => sum + entry.unacknowledged, 0);
  const urgent = waiting.some((entry) => entry.level === 1 && entry.unacknowledged > 0);
  return { alerts: { count, urgent, label: t('home.alertsWaiting', { count }) } };
}
