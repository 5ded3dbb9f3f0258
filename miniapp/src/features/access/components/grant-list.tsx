import type { Grant } from '@dingops/shared/access';
import { Button, List } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { daysUntil, formatDate } from '../utils/format';
import { GrantStatusTag, RiskTag } from './access-tags';
import styles from './access.module.css';

type GrantListProps = {
  grants: readonly Grant[];
  /** "续期": ask for the same role again, continuing this grant. */
  onExtend?: (grant: Grant) => void;
  showHolder?: boolean;
  onOpenHolder?: (userId: string) => void;
  emptyText: string;
  testId?: string;
};

/** Grants as rows: system · role, risk, status, end date and days left. */
export function GrantList({ grants, onExtend, showHolder = false, onOpenHolder, emptyText, testId = 'access-grants' }: GrantListProps) {
  const { t, locale } = useI18n();
  if (grants.length === 0) return <div className={styles.empty} data-testid={`${testId}-empty`}>{emptyText}</div>;
  return (
    <List data-testid={testId}>
      {grants.map((grant) => {
        const left = daysUntil(grant.endsAt);
        const held = grant.status === 'active' || grant.status === 'provisioning';
        return (
          <List.Item
            key={grant.id}
            data-testid={`access-grant-${grant.id}`}
            data-grant-status={grant.status}
            onClick={showHolder && onOpenHolder ? () => onOpenHolder(grant.userId) : undefined}
            description={
              <>
                <span className={styles.rowMeta}>
                  {showHolder ? <span>{grant.userName ?? grant.userId}</span> : null}
                  <span>{t('access.grant.ends', { date: formatDate(grant.endsAt, locale) })}</span>
                  {held && left > 0 ? <span>{t('access.grant.daysLeft', { days: left })}</span> : null}
                  {grant.endReason ? <span>{grant.endReason}</span> : null}
                </span>
                {onExtend && held ? (
                  <span className={styles.rowActions}>
                    <Button size="small" color="primary" fill="outline" onClick={() => onExtend(grant)} data-testid="access-grant-extend">
                      {t('access.grant.extend')}
                    </Button>
                  </span>
                ) : null}
              </>
            }
          >
            <span className={styles.rowTitle}>
              <span>{t('access.systemRole', { system: grant.systemName, role: grant.roleName })}</span>
              <RiskTag risk={grant.risk} />
              <GrantStatusTag status={grant.status} />
            </span>
          </List.Item>
        );
      })}
    </List>
  );
}
