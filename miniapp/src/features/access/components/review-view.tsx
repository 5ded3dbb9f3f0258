import type { DecisionsBody, ReviewItem } from '@dingops/shared/access';
import { Button, Dialog, ProgressBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { decideReview } from '../api/decide-review';
import type { ReviewDetail } from '../api/get-review';
import { formatDate } from '../utils/format';
import { fieldsNamedBy, problemText } from '../utils/problem-fields';
import { bulkKeepCandidates, groupByPerson } from '../utils/review-items';
import { DecisionSheet, type DecisionSheetMode, type SheetDecision } from './decision-sheet';
import { ReviewItemRow } from './review-item-row';
import tags from './access.module.css';
import styles from './review.module.css';

type ReviewViewProps = { review: ReviewDetail; viewerId: string; onDecided: () => void };

/** A reviewer's items grouped by person; 全部保留 for the low and medium ones, one by one for the rest. */
export function ReviewView({ review, viewerId, onDecided }: ReviewViewProps) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [sheet, setSheet] = useState<{ item: ReviewItem; mode: DecisionSheetMode } | null>(null);
  const [sheetErrors, setSheetErrors] = useState<string[]>([]);
  const mine = review.items.filter((item) => item.reviewerId === viewerId);
  const shown = mine.length > 0 ? mine : review.items;
  const decided = shown.filter((item) => item.decision !== null).length;
  const bulk = bulkKeepCandidates(review.items, viewerId);

  const send = async (items: DecisionsBody['items']) => {
    setBusy(true);
    try {
      const result = await decideReview(review.id, { items });
      Toast.show({ icon: 'success', content: t('access.review.saved', { remaining: result.remaining }) });
      onDecided();
    } finally {
      setBusy(false);
    }
  };
  const report = (error: unknown) => {
    if (error instanceof ApiError) Toast.show({ content: problemText(error) ?? describeApiError(error) });
  };

  const keepAll = async () => {
    const confirmed = await Dialog.confirm({ content: t('access.review.keepAllConfirm', { count: bulk.length }), confirmText: t('access.review.keepAll'), cancelText: t('common.cancel') });
    if (confirmed) await send(bulk.map((item) => ({ itemId: item.id, decision: 'keep' }))).catch(report);
  };
  const decideInSheet = async ({ comment, endsAt }: SheetDecision) => {
    if (!sheet) return;
    setSheetErrors([]);
    try {
      await send([{ itemId: sheet.item.id, decision: sheet.mode, comment, endsAt }]);
      setSheet(null);
    } catch (error) {
      const named = (fieldsNamedBy(error) ?? []).map((path) => path.split('.').at(-1) ?? path);
      if (named.length > 0) setSheetErrors(named);
      else report(error);
    }
  };

  return (
    <div className={tags.page} data-testid="access-review" data-review-id={review.id}>
      <div className={styles.header}>
        <div className={tags.rowTitle}>{review.name}</div>
        <div className={styles.progressText}>
          <span>{t('access.review.due', { date: formatDate(review.dueAt, locale) })}</span>
          <span data-testid="access-review-progress" data-decided={decided} data-total={shown.length}>
            {t('access.review.progress', { decided, total: shown.length })}
          </span>
        </div>
        <ProgressBar percent={shown.length ? (decided / shown.length) * 100 : 100} />
      </div>
      {shown.length === 0 ? <div className={tags.empty}>{t('access.review.nothing')}</div> : null}
      {groupByPerson(shown).map((group) => (
        <section key={group.userId} data-testid={`access-review-person-${group.userId}`}>
          <div className={styles.person}>{group.name}</div>
          <div className={styles.items}>
            {group.items.map((item) => (
              <ReviewItemRow
                key={item.id}
                item={item}
                busy={busy}
                canDecide={item.reviewerId === viewerId && review.status === 'open'}
                onKeep={() => void send([{ itemId: item.id, decision: 'keep' }]).catch(report)}
                onRevoke={() => setSheet({ item, mode: 'revoke' })}
                onShorten={() => setSheet({ item, mode: 'shorten' })}
              />
            ))}
          </div>
        </section>
      ))}
      {bulk.length > 0 ? (
        <div className={tags.actionBar}>
          <Button color="primary" size="large" loading={busy} onClick={() => void keepAll()} data-testid="access-review-keep-all">
            {t('access.review.keepAllCount', { count: bulk.length })}
          </Button>
        </div>
      ) : null}
      <DecisionSheet
        key={sheet ? `${sheet.item.id}-${sheet.mode}` : 'none'}
        item={sheet?.item ?? null}
        mode={sheet?.mode ?? 'revoke'}
        serverErrors={sheetErrors}
        onSubmit={decideInSheet}
        onClose={() => { setSheet(null); setSheetErrors([]); }}
      />
    </div>
  );
}
