import { AccessNotice } from '../../components/access-notice';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useI18n } from '../../lib/i18n';

export function NotFoundRoute() {
  const { t } = useI18n();
  return (
    <PageLayout title={t('title.notFound')} backTo={paths.home.getHref()}>
      <AccessNotice kind="not_found" title={t('title.notFound')} reason={t('error.notFoundDescription')} hint={t('access.pageNotFoundHint')} testId="page-not-found" />
    </PageLayout>
  );
}
