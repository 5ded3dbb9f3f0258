import type { ReviewDecision, ReviewItem } from '@dingops/shared/access';
import { Button } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { formatDate } from '../utils/format';
import { RiskTag } from './access-tags';
import tags from './access.module.css';
import styles from './review.module.css';

const decisionTone: Record<ReviewDecision, string | undefined> = { keep: tags.success, revoke: tags.danger, shorten: tags.warning };

type ReviewItemRowProps = {
  item: ReviewItem;
  /** Only the item's own reviewer decides; IT and auditors see the rest read-only. */
  canDecide: boolean;
  busy: boolean;
  onKeep: () => void;
  onRevoke: () => void;
  onShorten: () => void;
};

/** One grant under review: what, until when, and 保留 / 缩短 / 收回 (or the decision once made). */
export function ReviewItemRow({ item, canDecide, busy, onKeep, onRevoke, onShorten }: ReviewItemRowProps) {
  const { t, locale } = useI18n();
  return (
    <div className={styles.item} data-testid={`access-review-item-${item.id}`} data-decision={item.decision ?? ''} data-risk={item.risk}>
      <div className={styles.what}>
        <span>{t('access.systemRole', { system: item.systemName, role: item.roleName })}</span>
        <RiskTag risk={item.risk} />
      </div>
      <div className={styles.meta}>{t('access.grant.ends', { date: formatDate(item.endsAt, locale) })}</div>
      {item.decision ? (
        <div className={styles.meta}>
          <span className={`${tags.tag} ${decisionTone[item.decision] ?? ''}`} data-testid="access-review-decision">
            {t(`access.decision.${item.decision}`)}
          </span>{' '}
          {item.comment}
        </div>
      ) : canDecide ? (
        <div className={styles.buttons}>
          <Button size="small" color="success" fill="outline" disabled={busy} onClick={onKeep} data-testid="access-review-keep">
            {t('access.review.keep')}
          </Button>
          <Button size="small" color="warning" fill="outline" disabled={busy} onClick={onShorten} data-testid="access-review-shorten">
            {t('access.review.shorten')}
          </Button>
          <Button size="small" color="danger" fill="outline" disabled={busy} onClick={onRevoke} data-testid="access-review-revoke">
            {t('access.review.revoke')}
          </Button>
        </div>
      ) : (
        <div className={styles.meta}>{t('access.review.waiting')}</div>
      )}
    </div>
  );
}
