import { probeIdParamsSchema } from '@dingops/shared/probes';
import { ErrorBlock } from 'antd-mobile';
import { useParams } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { ProbeDetail } from '../../features/alerts/components/probe-detail';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';
import { ItOnly } from './alerts-it-only';

/** /alerts/probes/:probeId: the response-time chart, 立即探测 and (IT admins) edit and delete. */
export function AlertProbeRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const parsed = probeIdParamsSchema.safeParse(useParams());
  return (
    <PageLayout title={t('title.alertProbe')} backTo={paths.alertProbes.getHref()}>
      <ItOnly>
        {parsed.success ? (
          <ProbeDetail key={parsed.data.probeId} probeId={parsed.data.probeId} canEdit={user.roles.includes('it_admin')} />
        ) : (
          <ErrorBlock status="empty" title={t('error.notFound')} description={null} data-testid="probe-error" />
        )}
      </ItOnly>
    </PageLayout>
  );
}
