import { useNavigate } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { useLoaded } from '../../../hooks/use-loaded';
import { useI18n } from '../../../lib/i18n';
import { listRequests } from '../api/list-requests';
import { ApprovalLink } from './approval-link';
import { RequestList } from './request-list';
import styles from './access.module.css';

/** 待我审批: requests waiting on me. The decision itself is made in DingTalk's approval app. */
export function MyApprovals() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { state, reload } = useLoaded((signal) => listRequests({ scope: 'approvals', signal }), 'approvals');
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed onRetry={reload} />;
  return (
    <>
      <div className={styles.section}>{t('access.approvals.hint')}</div>
      <RequestList
        testId="access-approvals"
        showPerson
        requests={state.value.items}
        emptyText={t('access.approvals.empty')}
        onOpen={(request) => void navigate(paths.accessRequest.getHref(request.id))}
        actions={(request) => <ApprovalLink url={request.approvalUrl} label={t('access.approveInDingTalk')} />}
      />
    </>
  );
}
