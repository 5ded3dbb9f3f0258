import { useNavigate } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { useLoaded } from '../../../hooks/use-loaded';
import { useI18n } from '../../../lib/i18n';
import { listReviews } from '../api/list-reviews';
import { ReviewList } from './review-list';

/** 待我复核: open campaigns where I decide whether my team keeps its access (rule S2). */
export function MyReviews() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { state, reload } = useLoaded((signal) => listReviews({ signal }), 'reviews');
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed onRetry={reload} />;
  const open = state.value.filter((review) => review.status === 'open');
  return <ReviewList testId="access-my-reviews" reviews={open} emptyText={t('access.reviews.emptyMine')} onOpen={(review) => void navigate(paths.accessReview.getHref(review.id))} />;
}
