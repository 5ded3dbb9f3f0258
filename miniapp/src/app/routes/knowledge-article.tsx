import { articleParamsSchema } from '@dingops/shared/knowledge';
import { ErrorBlock } from 'antd-mobile';
import { useParams } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { ArticleView } from '../../features/knowledge/components/article-view';
import { useI18n } from '../../lib/i18n';

/** /knowledge/:articleId, often opened from a link in a ticket or a chat; back goes to the list. */
export function KnowledgeArticleRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const parsed = articleParamsSchema.safeParse(useParams());
  const isIt = user.roles.includes('it_staff') || user.roles.includes('it_admin');
  return (
    <PageLayout title={t('title.knowledgeArticle')} backTo={paths.knowledge.getHref()}>
      {parsed.success ? (
        <ArticleView key={parsed.data.articleId} articleId={parsed.data.articleId} canEdit={isIt} />
      ) : (
        <ErrorBlock status="empty" title={t('error.notFound')} description={null} data-testid="knowledge-article-error" />
      )}
    </PageLayout>
  );
}
