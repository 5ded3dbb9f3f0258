import type { Role } from '@dingops/shared/roles';
import type { ReactNode } from 'react';
import { AccessNotice } from '../../../components/access-notice';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';

/** IT's and auditors' pages: someone else who follows a link learns who may open it, not a blank page. */
export function RoleGate({ allowed, userRoles, children }: { allowed: readonly Role[]; userRoles: readonly Role[]; children: ReactNode }) {
  const { t } = useI18n();
  if (allowed.some((role) => userRoles.includes(role))) return <>{children}</>;
  return (
    <AccessNotice
      kind="no_access"
      title={t('access.noAccessTitle')}
      reason={t('access.adminReason')}
      hint={t('access.adminHint')}
      action={{ label: t('title.myAccess'), to: paths.myAccess.getHref() }}
    />
  );
}
