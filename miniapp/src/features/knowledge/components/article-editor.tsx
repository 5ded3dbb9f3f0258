import type { Article } from '@dingops/shared/knowledge';
import { ErrorBlock } from 'antd-mobile';
import { PageLoading } from '../../../components/load-states';
import { useI18n } from '../../../lib/i18n';
import { useArticle } from '../hooks/use-article';
import { ArticleForm } from './article-form';

/** The form for a new article, or for an existing one once it has loaded. */
export function ArticleEditor({ articleId, onSaved }: { articleId: string | null; onSaved: (article: Article) => void }) {
  if (!articleId) return <ArticleForm article={null} onSaved={onSaved} />;
  return <ExistingArticleForm articleId={articleId} onSaved={onSaved} />;
}

function ExistingArticleForm({ articleId, onSaved }: { articleId: string; onSaved: (article: Article) => void }) {
  const { t } = useI18n();
  const { state } = useArticle(articleId);
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <ErrorBlock status="empty" title={t('error.notFound')} description={null} />;
  return <ArticleForm article={state.article} onSaved={onSaved} />;
}
