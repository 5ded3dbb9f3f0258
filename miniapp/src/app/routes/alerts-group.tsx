import { alertGroupIdParamsSchema } from '@dingops/shared/alerts';
import { useParams } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AlertGroupDetailView, AlertGroupMissing } from '../../features/alerts/components/alert-group-detail';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts/groups/:groupId. Opened cold (from the DingTalk card), back goes to the list. */
export function AlertGroupRoute() {
  const { t } = useI18n();
  const parsed = alertGroupIdParamsSchema.safeParse(useParams());
  return (
    <PageLayout title={t('title.alertGroup')} backTo={paths.alerts.getHref()}>
      <ItOnly>
        {parsed.success ? (
          <AlertGroupDetailView key={parsed.data.groupId} groupId={parsed.data.groupId} />
        ) : (
          <AlertGroupMissing />
        )}
      </ItOnly>
    </PageLayout>
  );
}
