import type { TicketCategoryNode } from '@dingops/shared/tickets';
import { List } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import type { ArticleSummary } from '../api/list-articles';
import { categoryLabel } from '../utils/category-tree';
import styles from './article-row.module.css';

type ArticleRowProps = { article: ArticleSummary; categories: readonly TicketCategoryNode[]; onOpen: (article: ArticleSummary) => void };

/** Title, a line of the fix, and category + views underneath. */
export function ArticleRow({ article, categories, onOpen }: ArticleRowProps) {
  const { t, locale } = useI18n();
  return (
    <List.Item
      onClick={() => onOpen(article)}
      data-testid={`knowledge-row-${article.id}`}
      description={
        <>
          <span className={styles.excerpt}>{article.excerpt}</span>
          <span className={styles.meta}>
            <span className={styles.category}>{categoryLabel(categories, article.category, locale)}</span>
            <span>{t('knowledge.views', { count: article.views })}</span>
            {article.status === 'archived' ? <span className={styles.archived}>{t('knowledge.archived')}</span> : null}
          </span>
        </>
      }
    >
      <span className={styles.title}>{article.title}</span>
    </List.Item>
  );
}
