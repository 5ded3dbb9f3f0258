import { Tabs } from 'antd-mobile';
import { useSearchParams } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { AdminLinks } from '../../features/access/components/admin-links';
import { MyApprovals } from '../../features/access/components/my-approvals';
import { MyGrants } from '../../features/access/components/my-grants';
import { MyRequests } from '../../features/access/components/my-requests';
import { MyReviews } from '../../features/access/components/my-reviews';
import { useCurrentUser } from '../../features/auth/hooks/use-current-user';
import { useI18n } from '../../lib/i18n';
import styles from '../../features/access/components/access.module.css';

type AccessTab = 'grants' | 'requests' | 'approvals' | 'reviews';

/** /access (我的权限): what I hold, what I asked for; managers also what waits on them. */
export function MyAccessRoute() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const isManager = user.roles.includes('manager');
  const tabs: AccessTab[] = isManager ? ['grants', 'requests', 'approvals', 'reviews'] : ['grants', 'requests'];
  const asked = params.get('tab') as AccessTab | null;
  const tab: AccessTab = asked && tabs.includes(asked) ? asked : 'grants';
  return (
    <PageLayout title={t('title.myAccess')} backTo={paths.home.getHref()}>
      <div className={styles.page} data-testid="access-mine">
        <Tabs activeKey={tab} onChange={(key) => setParams(key === 'grants' ? {} : { tab: key }, { replace: true })}>
          {tabs.map((key) => (
            <Tabs.Tab key={key} title={<span data-testid={`access-tab-${key}`}>{t(`access.tab.${key}`)}</span>} />
          ))}
        </Tabs>
        {tab === 'grants' ? (
          <>
            <MyGrants />
            <AdminLinks roles={user.roles} />
          </>
        ) : null}
        {tab === 'requests' ? <MyRequests /> : null}
        {tab === 'approvals' ? <MyApprovals /> : null}
        {tab === 'reviews' ? <MyReviews /> : null}
      </div>
    </PageLayout>
  );
}
