import { Button } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { paths } from '../../../config/paths';
import { useLoaded } from '../../../hooks/use-loaded';
import { useI18n } from '../../../lib/i18n';
import { listGrants } from '../api/list-grants';
import { GrantList } from './grant-list';
import styles from './access.module.css';

/** 我的权限: what I hold now (active, or approved and waiting for IT), each with 续期. */
export function MyGrants() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { state, reload } = useLoaded((signal) => listGrants({ signal }), 'mine');
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed onRetry={reload} />;
  const held = state.value.items.filter((grant) => grant.status === 'active' || grant.status === 'provisioning');
  return (
    <>
      <GrantList
        grants={held}
        emptyText={t('access.grants.empty')}
        onExtend={(grant) => void navigate(paths.accessRequestNew.getHref({ roleId: grant.roleId, extend: grant.id }))}
      />
      <div className={styles.actionBar}>
        <Button color="primary" size="large" onClick={() => void navigate(paths.accessRequestNew.getHref())} data-testid="access-new-request">
          {t('access.requestAccess')}
        </Button>
      </div>
    </>
  );
}
