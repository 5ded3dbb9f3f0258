import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { KnowledgeList } from '../../features/knowledge/components/knowledge-list';
import { useI18n } from '../../lib/i18n';

/** /knowledge: everyone searches; IT also writes and sees archived articles. */
export function KnowledgeListRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const isIt = user.roles.includes('it_staff') || user.roles.includes('it_admin');
  return (
    <PageLayout title={t('title.knowledge')} backTo={paths.home.getHref()}>
      <KnowledgeList canEdit={isIt} />
    </PageLayout>
  );
}
