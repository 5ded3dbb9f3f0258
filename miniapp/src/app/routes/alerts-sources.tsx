import { ErrorBlock } from 'antd-mobile';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AlertsTabs } from '../../features/alerts/components/alerts-tabs';
import { SourcesPage } from '../../features/alerts/components/sources-page';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts/sources (监控源): IT admins only, since a token lets a monitor post alerts. */
export function AlertSourcesRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.alertSources')} backTo={paths.home.getHref()}>
      <ItOnly>
        <AlertsTabs active="sources" />
        {user.roles.includes('it_admin') ? <SourcesPage /> : <ErrorBlock status="default" title={t('error.forbidden')} description={t('sources.adminOnly')} data-testid="sources-forbidden" />}
      </ItOnly>
    </PageLayout>
  );
}
