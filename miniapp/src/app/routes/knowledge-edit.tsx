import { articleParamsSchema } from '@dingops/shared/knowledge';
import { ErrorBlock } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { ArticleEditor } from '../../features/knowledge/components/article-editor';
import { useI18n } from '../../lib/i18n';

/** /knowledge/new and /knowledge/:articleId/edit, for IT. The server enforces the role too. */
export function KnowledgeEditRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const params = useParams();
  const editing = params.articleId !== undefined;
  const parsed = articleParamsSchema.safeParse(params);
  const allowed = user.roles.includes('it_staff') || user.roles.includes('it_admin');
  const articleId = parsed.success ? parsed.data.articleId : null;
  const backTo = articleId ? paths.knowledgeArticle.getHref(articleId) : paths.knowledge.getHref();
  return (
    <PageLayout title={editing ? t('title.knowledgeEdit') : t('title.knowledgeNew')} backTo={backTo}>
      {!allowed ? (
        <ErrorBlock status="default" title={t('error.forbidden')} description={t('knowledge.itOnly')} data-testid="knowledge-forbidden" />
      ) : editing && !articleId ? (
        <ErrorBlock status="empty" title={t('error.notFound')} description={null} />
      ) : (
        <ArticleEditor articleId={articleId} onSaved={(article) => void navigate(paths.knowledgeArticle.getHref(article.id), { replace: true })} />
      )}
    </PageLayout>
  );
}
