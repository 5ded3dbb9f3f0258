import { CenteredStatus } from '../../components/centered-status';
import { useI18n } from '../../lib/i18n';

export function RouteLoading() {
  const { t } = useI18n();
  return <CenteredStatus text={t('common.loading')} />;
}
