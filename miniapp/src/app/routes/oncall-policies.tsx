import { ErrorBlock } from 'antd-mobile';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { OncallTabs } from '../../features/oncall/components/oncall-tabs';
import { PoliciesPage } from '../../features/oncall/components/policies-page';
import { useI18n } from '../../lib/i18n';

/** /oncall/policies (升级策略), for IT; IT admins edit the steps. */
export function OncallPoliciesRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const isIt = user.roles.includes('it_staff') || user.roles.includes('it_admin');
  return (
    <PageLayout title={t('title.oncallPolicies')} backTo={paths.home.getHref()}>
      <OncallTabs active="policies" />
      {isIt ? <PoliciesPage canEdit={user.roles.includes('it_admin')} /> : <ErrorBlock status="default" title={t('error.forbidden')} description={t('oncall.itOnly')} data-testid="oncall-forbidden" />}
    </PageLayout>
  );
}
