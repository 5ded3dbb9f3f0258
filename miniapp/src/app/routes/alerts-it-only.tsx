import type { ReactNode } from 'react';
import { AccessNotice } from '../../components/access-notice';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';

/** The alert pages are for IT staff and admins (rule S4); anyone else who follows a link is told why and what to do. */
export function ItOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const isIt = user.roles.includes('it_staff') || user.roles.includes('it_admin');
  return isIt ? children : <AccessNotice kind="no_access" title={t('access.noAccessTitle')} reason={t('access.alertsReason')} hint={t('access.alertsHint')} testId="alerts-forbidden" />;
}
