import type { AccessRequest } from '@dingops/shared/access';
import { Button, List, Steps } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';
import { formatDateTime } from '../utils/format';
import { RequestStatusTag, RiskTag } from './access-tags';
import { ApprovalLink } from './approval-link';
import { confirmWithdraw } from './my-requests';
import styles from './access.module.css';

type RequestDetailProps = { request: AccessRequest; viewerId: string; onChanged: () => void };

/** One request: what, for whom, why, its approvers in order (主管 → 系统负责人 → 安全负责人) and the DingTalk approval. */
export function RequestDetail({ request, viewerId, onChanged }: RequestDetailProps) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const finished = request.status !== 'pending';
  const canWithdraw = request.status === 'pending' && (request.requesterId === viewerId || request.userId === viewerId);
  return (
    <div className={styles.page} data-testid="access-request-detail" data-request-id={request.id} data-status={request.status}>
      <div className={styles.card}>
        <div className={styles.rowTitle}>
          <span>{t('access.systemRole', { system: request.systemName, role: request.roleName })}</span>
          <RiskTag risk={request.risk} />
          <RequestStatusTag status={request.status} />
        </div>
      </div>
      <List header={t('access.detail.facts')}>
        <List.Item extra={request.userName ?? request.userId}>{t('access.detail.holder')}</List.Item>
        {request.requesterId !== request.userId ? <List.Item extra={request.requesterId}>{t('access.detail.requester')}</List.Item> : null}
        <List.Item extra={t('access.request.days', { days: request.days })}>{t('access.form.days')}</List.Item>
        <List.Item description={request.reason}>{t('access.form.reason')}</List.Item>
        {request.extendsGrantId ? <List.Item extra={`#${request.extendsGrantId}`}>{t('access.detail.extends')}</List.Item> : null}
        <List.Item extra={formatDateTime(request.createdAt, locale)}>{t('access.detail.createdAt')}</List.Item>
        {request.decidedAt ? <List.Item extra={formatDateTime(request.decidedAt, locale)}>{t('access.detail.decidedAt')}</List.Item> : null}
        {request.decisionNote ? <List.Item description={request.decisionNote}>{t('access.detail.note')}</List.Item> : null}
      </List>
      <List header={t('access.detail.approvers')}>
        <List.Item>
          <Steps direction="vertical" current={finished ? request.approvers.length : -1} data-testid="access-request-approvers">
            {request.approvers.map((approver, index) => (
              <Steps.Step
                key={`${approver.step}-${index}`}
                title={t(`access.step.${approver.step}`)}
                description={approver.name ?? approver.userId}
                status={request.status === 'approved' ? 'finish' : request.status === 'refused' ? 'error' : 'wait'}
              />
            ))}
          </Steps>
        </List.Item>
      </List>
      <div className={styles.actionBar}>
        {request.approvalUrl ? <ApprovalLink url={request.approvalUrl} /> : null}
        {canWithdraw ? (
          <Button onClick={() => void confirmWithdraw(request, t).then((done) => done && onChanged()).catch(() => undefined)} data-testid="access-request-withdraw">
            {t('access.withdraw')}
          </Button>
        ) : null}
        {request.status === 'approved' ? (
          <Button color="primary" onClick={() => void navigate(paths.myAccess.getHref())} data-testid="access-request-to-grants">
            {t('title.myAccess')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
