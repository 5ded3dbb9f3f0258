import type { Article } from '@dingops/shared/knowledge';
import { Button, Dialog, ErrorBlock, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { markArticleHelpful } from '../../../lib/api/knowledge';
import { updateArticle } from '../api/save-article';
import { useArticle } from '../hooks/use-article';
import { useCategories } from '../hooks/use-categories';
import { categoryLabel } from '../utils/category-tree';
import styles from './article-view.module.css';

type ArticleViewProps = { articleId: string; canEdit: boolean };

/** An article: what you see, why, how to fix it; "this helped" for everyone, edit and archive for IT. */
export function ArticleView({ articleId, canEdit }: ArticleViewProps) {
  const { t } = useI18n();
  const { state, replace, reload } = useArticle(articleId);

  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') {
    if (state.error?.status === 404) return <ErrorBlock status="empty" title={t('error.notFound')} description={null} data-testid="knowledge-article-error" />;
    return <PageLoadFailed description={state.error ? describeApiError(state.error) : null} onRetry={reload} testId="knowledge-article-error" />;
  }
  return <ArticleBody article={state.article} canEdit={canEdit} onChanged={replace} />;
}

function ArticleBody({ article, canEdit, onChanged }: { article: Article; canEdit: boolean; onChanged: (article: Article) => void }) {
  const { t, locale } = useI18n();
  const categories = useCategories();
  const updated = new Date(article.updatedAt).toLocaleDateString(locale === 'en' ? 'en' : 'zh-CN');
  return (
    <article className={styles.article} data-testid="knowledge-article">
      <header className={styles.header}>
        <h1 className={styles.title}>{article.title}</h1>
        <p className={styles.meta}>
          <span className={styles.category}>{categoryLabel(categories, article.category, locale)}</span>
          {article.status === 'archived' ? <span className={styles.archived}>{t('knowledge.archived')}</span> : null}
          <span>{article.author.name}</span>
          <span>{t('knowledge.updatedOn', { date: updated })}</span>
          <span>{t('knowledge.views', { count: article.views })}</span>
        </p>
        {article.tags.length > 0 ? (
          <p className={styles.tags}>
            {article.tags.map((tag) => (
              <span key={tag} className={styles.tag}>
                #{tag}
              </span>
            ))}
          </p>
        ) : null}
      </header>
      <Section title={t('knowledge.symptom')} text={article.symptom} testId="knowledge-symptom" />
      {article.cause ? <Section title={t('knowledge.cause')} text={article.cause} testId="knowledge-cause" /> : null}
      <Section title={t('knowledge.resolution')} text={article.resolution} testId="knowledge-resolution" />
      {article.sourceTicket ? (
        <p className={styles.source}>
          {t('knowledge.sourceTicket')}
          <Link to={paths.ticket.getHref(article.sourceTicket.id)} data-testid="knowledge-source-ticket">
            #{article.sourceTicket.number}
          </Link>
        </p>
      ) : null}
      <HelpfulButton article={article} />
      {canEdit ? <ItActions article={article} onChanged={onChanged} /> : null}
    </article>
  );
}

function Section({ title, text, testId }: { title: string; text: string; testId: string }) {
  return (
    <section className={styles.section}>
      <h2 className={styles.sectionTitle}>{title}</h2>
      {/* pre-wrap keeps the author's line breaks and numbered steps. */}
      <p className={styles.text} data-testid={testId}>
        {text}
      </p>
    </section>
  );
}

function HelpfulButton({ article }: { article: Article }) {
  const { t } = useI18n();
  const [count, setCount] = useState(article.helpful);
  const [done, setDone] = useState(false);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    try {
      const updated = await markArticleHelpful(article.id);
      setCount(updated.helpful);
      setDone(true);
      Toast.show({ icon: 'success', content: t('knowledge.thanks') });
    } catch {
      // api-client has shown the toast
    } finally {
      setSending(false);
    }
  };
  return (
    <div className={styles.helpful}>
      <Button shape="rounded" color={done ? 'success' : 'primary'} fill="outline" disabled={done} loading={sending} onClick={() => void send()} data-testid="knowledge-helpful">
        {done ? t('knowledge.helpfulDone') : t('knowledge.helpful')}
        <span className={styles.count}>{count}</span>
      </Button>
    </div>
  );
}

function ItActions({ article, onChanged }: { article: Article; onChanged: (article: Article) => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const archiving = article.status === 'published';
  const toggle = async () => {
    const confirmed = await Dialog.confirm({
      content: archiving ? t('knowledge.archiveConfirm') : t('knowledge.restoreConfirm'),
      confirmText: archiving ? t('knowledge.archive') : t('knowledge.restore'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    try {
      const saved = await updateArticle(article.id, { status: archiving ? 'archived' : 'published' }, { silent: false });
      onChanged(saved);
      Toast.show({ icon: 'success', content: archiving ? t('knowledge.archivedDone') : t('knowledge.restoredDone') });
    } catch {
      // api-client has shown the toast
    }
  };
  return (
    <div className={styles.actions}>
      <Button className={styles.action} onClick={() => void navigate(paths.knowledgeEdit.getHref(article.id))} data-testid="knowledge-edit">
        {t('knowledge.edit')}
      </Button>
      <Button className={styles.action} color={archiving ? 'danger' : 'primary'} fill="outline" onClick={() => void toggle()} data-testid="knowledge-archive-toggle">
        {archiving ? t('knowledge.archive') : t('knowledge.restore')}
      </Button>
    </div>
  );
}
