import { List } from 'antd-mobile';
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useKnowledgeSuggestions } from '../hooks/use-knowledge-suggestions';
import styles from './knowledge-suggestions.module.css';

// The article sheet loads when someone opens a suggestion.
const ArticleSheet = lazy(async () => ({ default: (await import('./article-sheet')).ArticleSheet }));

type KnowledgeSuggestionsProps = { title: string; description: string; category: string | null; onSolved: () => void };

/** 可能有帮助的解决办法: articles matching what is being typed, so a known fault may need no ticket at all. */
export function KnowledgeSuggestions({ title, description, category, onSolved }: KnowledgeSuggestionsProps) {
  const { t } = useI18n();
  const items = useKnowledgeSuggestions({ title, description, category });
  const [openId, setOpenId] = useState<string | null>(null);
  if (items.length === 0 && openId === null) return null;
  return (
    <>
      {items.length > 0 ? (
        <List header={<span className={styles.header}>{t('tickets.more.suggestionsTitle')}</span>} className={styles.list} data-testid="report-suggestions">
          {items.map((article) => (
            <List.Item
              key={article.id}
              description={<span className={styles.excerpt}>{article.excerpt}</span>}
              onClick={() => setOpenId(article.id)}
              arrowIcon
              data-testid={`report-suggestion-${article.id}`}
            >
              {article.title}
            </List.Item>
          ))}
        </List>
      ) : null}
      <Suspense fallback={null}>
        {openId ? (
          <ArticleSheet
            articleId={openId}
            onClose={() => setOpenId(null)}
            onSolved={() => {
              setOpenId(null);
              onSolved();
            }}
          />
        ) : null}
      </Suspense>
    </>
  );
}
