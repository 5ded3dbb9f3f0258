import type { User } from '@dingops/shared/users';
import { Button, Result } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import styles from './registration-screens.module.css';

type RegistrationPendingProps = { user: User; checking: boolean; onCheck: () => void; onLogout: () => void };

/** Rule S1: what a person waiting for IT's review sees instead of every page. */
export function RegistrationPending({ user, checking, onCheck, onLogout }: RegistrationPendingProps) {
  const { t } = useI18n();
  const departments = user.departments.map((department) => department.name).join(' · ');
  return (
    <section className={styles.screen} data-testid="registration-pending">
      <Result className={styles.result} status="waiting" title={t('registration.pendingTitle')} description={t('registration.pendingText')} />
      <p className={styles.text}>{t('registration.pendingNotice')}</p>
      <p className={styles.profile}>{[user.name, departments, user.title].filter(Boolean).join(' · ')}</p>
      <div className={styles.actions}>
        <Button className={styles.action} color="primary" loading={checking} onClick={onCheck} data-testid="registration-check">
          {t('registration.check')}
        </Button>
        <Button className={styles.action} onClick={onLogout}>
          {t('home.logout')}
        </Button>
      </div>
    </section>
  );
}
