import type { User } from '@dingops/shared/users';
import { useNavigate } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { RegistrationPending } from '../../features/auth/components/registration-pending';
import { useRegistrationCheck } from '../../features/auth/hooks/use-registration-check';
import { clearSession } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';

/** Every page, for a person whose registration IT has not yet reviewed (rule S1). */
export function RegistrationPendingRoute({ user }: { user: User }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { checking, check } = useRegistrationCheck();
  const logout = () => {
    clearSession();
    void navigate(paths.login.getHref(), { replace: true });
  };
  return (
    <PageLayout title={t('title.registrationPending')}>
      <RegistrationPending user={user} checking={checking} onCheck={check} onLogout={logout} />
    </PageLayout>
  );
}
