import { ErrorBlock } from 'antd-mobile';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { OncallCalendarPage } from '../../features/oncall/components/oncall-calendar-page';
import { OncallTabs } from '../../features/oncall/components/oncall-tabs';
import { useI18n } from '../../lib/i18n';

/** /oncall (值班表), for IT; IT admins also add overrides. */
export function OncallCalendarRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const isIt = user.roles.includes('it_staff') || user.roles.includes('it_admin');
  return (
    <PageLayout title={t('title.oncall')} backTo={paths.home.getHref()}>
      <OncallTabs active="calendar" />
      {isIt ? <OncallCalendarPage canEdit={user.roles.includes('it_admin')} /> : <ErrorBlock status="default" title={t('error.forbidden')} description={t('oncall.itOnly')} data-testid="oncall-forbidden" />}
    </PageLayout>
  );
}
