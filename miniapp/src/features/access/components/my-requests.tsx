import type { AccessRequest } from '@dingops/shared/access';
import { Button, Dialog, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { useLoaded } from '../../../hooks/use-loaded';
import { useI18n } from '../../../lib/i18n';
import { listRequests } from '../api/list-requests';
import { withdrawRequest } from '../api/withdraw-request';
import { ApprovalLink } from './approval-link';
import { RequestList } from './request-list';

/** Asks first; a withdrawn request ends its DingTalk approval too. Resolves true once withdrawn. */
export async function confirmWithdraw(request: AccessRequest, t: ReturnType<typeof useI18n>['t']): Promise<boolean> {
  const confirmed = await Dialog.confirm({
    content: t('access.withdrawConfirm', { system: request.systemName, role: request.roleName }),
    confirmText: t('access.withdraw'),
    cancelText: t('common.cancel'),
  });
  if (!confirmed) return false;
  await withdrawRequest(request.id);
  Toast.show({ icon: 'success', content: t('access.withdrawn') });
  return true;
}

/** 我的申请: requests for or by me, newest first; pending ones link to DingTalk and can be withdrawn. */
export function MyRequests() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { state, reload } = useLoaded((signal) => listRequests({ scope: 'mine', signal }), 'mine');
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed onRetry={reload} />;
  return (
    <RequestList
      requests={state.value.items}
      emptyText={t('access.requests.empty')}
      onOpen={(request) => void navigate(paths.accessRequest.getHref(request.id))}
      actions={(request) =>
        request.status === 'pending' ? (
          <>
            <ApprovalLink url={request.approvalUrl} />
            <Button size="small" onClick={() => void confirmWithdraw(request, t).then((done) => done && reload()).catch(() => undefined)} data-testid="access-request-withdraw">
              {t('access.withdraw')}
            </Button>
          </>
        ) : null
      }
    />
  );
}
