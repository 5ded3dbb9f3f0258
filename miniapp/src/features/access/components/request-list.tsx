import type { AccessRequest } from '@dingops/shared/access';
import { List } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n';
import { formatDateTime } from '../utils/format';
import { RequestStatusTag, RiskTag } from './access-tags';
import styles from './access.module.css';

type RequestListProps = {
  requests: readonly AccessRequest[];
  onOpen: (request: AccessRequest) => void;
  /** Buttons under a row (the approval link, withdraw). */
  actions?: (request: AccessRequest) => ReactNode;
  showPerson?: boolean;
  emptyText: string;
  testId?: string;
};

/** Requests as rows: system · role, status, days, when, for whom. */
export function RequestList({ requests, onOpen, actions, showPerson = false, emptyText, testId = 'access-requests' }: RequestListProps) {
  const { t, locale } = useI18n();
  if (requests.length === 0) return <div className={styles.empty} data-testid={`${testId}-empty`}>{emptyText}</div>;
  return (
    <List data-testid={testId}>
      {requests.map((request) => {
        const extra = actions?.(request);
        return (
          <List.Item
            key={request.id}
            arrow
            onClick={() => onOpen(request)}
            data-testid={`access-request-${request.id}`}
            data-request-status={request.status}
            description={
              <>
                <span className={styles.rowMeta}>
                  {showPerson || request.userId !== request.requesterId ? <span>{t('access.request.for', { name: request.userName ?? request.userId })}</span> : null}
                  <span>{t('access.request.days', { days: request.days })}</span>
                  <span>{formatDateTime(request.createdAt, locale)}</span>
                </span>
                {showPerson ? <span className={styles.hint}>{request.reason}</span> : null}
                {extra ? <span className={styles.rowActions} onClick={(event) => event.stopPropagation()}>{extra}</span> : null}
              </>
            }
          >
            <span className={styles.rowTitle}>
              <span>{t('access.systemRole', { system: request.systemName, role: request.roleName })}</span>
              <RiskTag risk={request.risk} />
              <RequestStatusTag status={request.status} />
            </span>
          </List.Item>
        );
      })}
    </List>
  );
}
