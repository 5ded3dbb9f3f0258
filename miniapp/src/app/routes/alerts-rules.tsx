import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AlertsTabs } from '../../features/alerts/components/alerts-tabs';
import { RulesPage } from '../../features/alerts/components/rules-page';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts/rules (规则), for IT; only IT admins edit. */
export function AlertRulesRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <PageLayout title={t('title.alertRules')} backTo={paths.home.getHref()}>
      <ItOnly>
        <AlertsTabs active="rules" />
        <RulesPage canEdit={user.roles.includes('it_admin')} />
      </ItOnly>
    </PageLayout>
  );
}
