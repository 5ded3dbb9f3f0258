import type { Catalog, ReviewSummary } from '@dingops/shared/access';
import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { CampaignSheet } from './campaign-sheet';
import { ReviewList } from './review-list';
import styles from './access.module.css';

type CampaignsViewProps = {
  reviews: readonly ReviewSummary[];
  catalog: Catalog;
  canCreate: boolean;
  onOpen: (review: ReviewSummary) => void;
  onCreated: (id: number) => void;
};

/** 复核活动: every campaign with its progress; IT admins start one on demand. */
export function CampaignsView({ reviews, catalog, canCreate, onOpen, onCreated }: CampaignsViewProps) {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  return (
    <div className={styles.page}>
      <ReviewList testId="access-campaigns" reviews={reviews} emptyText={t('access.campaigns.empty')} onOpen={onOpen} />
      {canCreate ? (
        <>
          <div className={styles.actionBar}>
            <Button color="primary" size="large" onClick={() => setCreating(true)} data-testid="access-campaign-new">
              {t('access.campaigns.create')}
            </Button>
          </div>
          <CampaignSheet visible={creating} systems={catalog.items} onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); onCreated(id); }} />
        </>
      ) : null}
    </div>
  );
}
