import { ErrorBlock } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';

/** The alert pages are for IT staff and admins (rule S4); others see why instead of failing calls. */
export function ItOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const isIt = user.roles.includes('it_staff') || user.roles.includes('it_admin');
  return isIt ? children : <ErrorBlock status="default" title={t('error.forbidden')} description={t('alerts.itOnly')} data-testid="alerts-forbidden" />;
}
