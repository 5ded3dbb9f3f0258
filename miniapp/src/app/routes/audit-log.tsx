import { AccessNotice } from '../../components/access-notice';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AuditLogPage } from '../../features/audit/components/audit-log-page';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';

/** /audit (审计日志): auditors and IT admins read, verify and export the trail (rules S4, S5). */
export function AuditLogRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const mayRead = user.roles.includes('auditor') || user.roles.includes('it_admin');
  return (
    <PageLayout title={t('title.audit')} backTo={paths.home.getHref()}>
      {mayRead ? <AuditLogPage /> : <AccessNotice kind="no_access" title={t('access.noAccessTitle')} reason={t('access.auditReason')} hint={t('access.auditHint')} testId="audit-forbidden" />}
    </PageLayout>
  );
}
