import { Button, CapsuleTabs, ErrorBlock, InfiniteScroll, List, SearchBar } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageLoadFailed } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import type { ArticleStatusFilter } from '../api/list-articles';
import { useArticleList } from '../hooks/use-article-list';
import { useCategories } from '../hooks/use-categories';
import { categoryLabel } from '../utils/category-tree';
import { ArticleRow } from './article-row';
import { CategorySheet } from './category-sheet';
import styles from './knowledge-list.module.css';

/** 知识库: search as you type, narrow by category, scroll for more. IT also writes and sees archived ones. */
export function KnowledgeList({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const categories = useCategories();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [status, setStatus] = useState<ArticleStatusFilter>('published');
  const [picking, setPicking] = useState(false);
  const q = useDebouncedValue(search.trim());
  const { state, loadMore, reload } = useArticleList({ q, category: category ?? undefined, status });

  return (
    <div className={styles.page}>
      <div className={styles.filters}>
        <SearchBar placeholder={t('knowledge.search')} value={search} onChange={setSearch} data-testid="knowledge-search" />
        <div className={styles.row}>
          <button type="button" className={styles.categoryButton} onClick={() => setPicking(true)} data-testid="knowledge-category-filter" aria-haspopup="dialog">
            {category ? categoryLabel(categories, category, locale) : t('knowledge.allCategories')}
            <span aria-hidden="true" className={styles.caret} />
          </button>
          {canEdit ? (
            <Button size="small" color="primary" fill="outline" onClick={() => void navigate(paths.knowledgeNew.getHref())} data-testid="knowledge-new">
              {t('knowledge.new')}
            </Button>
          ) : null}
        </div>
        {canEdit ? (
          <CapsuleTabs activeKey={status} onChange={(key) => setStatus(key === 'archived' ? 'archived' : 'published')}>
            <CapsuleTabs.Tab key="published" title={t('knowledge.published')} />
            <CapsuleTabs.Tab key="archived" title={t('knowledge.archived')} />
          </CapsuleTabs>
        ) : null}
      </div>
      {state.status === 'failed' ? (
        <PageLoadFailed description={state.error ? describeApiError(state.error) : null} onRetry={reload} />
      ) : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <ErrorBlock status="empty" title={q || category ? t('knowledge.noResults') : t('knowledge.empty')} description={null} data-testid="knowledge-empty" />
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <>
          <List className={styles.list} data-testid="knowledge-list">
            {state.items.map((article) => (
              <ArticleRow key={article.id} article={article} categories={categories} onOpen={(opened) => void navigate(paths.knowledgeArticle.getHref(opened.id))} />
            ))}
          </List>
          <InfiniteScroll loadMore={loadMore} hasMore={state.nextCursor !== null} />
        </>
      ) : null}
      {state.status === 'loading' ? <List className={styles.list}>{skeletonRows}</List> : null}
      <CategorySheet visible={picking} nodes={categories} value={category} allowAll onPick={setCategory} onClose={() => setPicking(false)} />
    </div>
  );
}

const skeletonRows = [0, 1, 2, 3].map((index) => (
  <List.Item key={index} className={styles.skeleton}>
    <span className={styles.skeletonLine} />
    <span className={styles.skeletonLineShort} />
  </List.Item>
));
