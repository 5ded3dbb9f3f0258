import type { ReviewSummary } from '@dingops/shared/access';
import { List, ProgressBar } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { formatDate } from '../utils/format';
import styles from './access.module.css';

type ReviewListProps = { reviews: readonly ReviewSummary[]; onOpen: (review: ReviewSummary) => void; emptyText: string; testId?: string };

/** Review campaigns: name, due date, decided/total. */
export function ReviewList({ reviews, onOpen, emptyText, testId = 'access-reviews' }: ReviewListProps) {
  const { t, locale } = useI18n();
  if (reviews.length === 0) return <div className={styles.empty} data-testid={`${testId}-empty`}>{emptyText}</div>;
  return (
    <List data-testid={testId}>
      {reviews.map((review) => (
        <List.Item
          key={review.id}
          arrow
          onClick={() => onOpen(review)}
          data-testid={`access-review-${review.id}`}
          description={
            <>
              <span className={styles.rowMeta}>
                <span>{t('access.review.due', { date: formatDate(review.dueAt, locale) })}</span>
                <span>{t('access.review.progress', { decided: review.decided, total: review.total })}</span>
              </span>
              <ProgressBar percent={review.total ? (review.decided / review.total) * 100 : 100} style={{ '--track-width': '4px', marginTop: 6 }} />
            </>
          }
        >
          <span className={styles.rowTitle}>
            <span>{review.name}</span>
            <span className={`${styles.tag} ${review.status === 'open' ? styles.info : styles.neutral}`}>{t(`access.review.status.${review.status}`)}</span>
          </span>
        </List.Item>
      ))}
    </List>
  );
}
