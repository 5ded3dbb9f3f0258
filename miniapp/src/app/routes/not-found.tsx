import { Button, ErrorBlock } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { paths } from '../../config/paths';
import { useI18n } from '../../lib/i18n';
import styles from './route-states.module.css';

export function NotFoundRoute() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <PageLayout title={t('title.notFound')} backTo={paths.home.getHref()}>
      <ErrorBlock className={styles.block} status="empty" fullPage title={t('title.notFound')} description={t('error.notFoundDescription')}>
        <Button className={styles.action} color="primary" onClick={() => void navigate(paths.home.getHref(), { replace: true })}>
          {t('common.backHome')}
        </Button>
      </ErrorBlock>
    </PageLayout>
  );
}
