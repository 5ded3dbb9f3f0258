import type { User } from '@dingops/shared/users';
import { PersonAvatar } from '../../../components/person-avatar';
import { RoleTags } from '../../../components/role-tags';
import { useI18n } from '../../../lib/i18n';
import styles from './user-summary.module.css';

/** Greeting card: who is logged in, where they sit and what DingOps lets them do. */
export function UserSummary({ user }: { user: User }) {
  const { t } = useI18n();
  const departments = user.departments.map((department) => department.name).join(' · ');
  return (
    <section className={styles.card}>
      <PersonAvatar name={user.name} avatarUrl={user.avatarUrl} size={52} />
      <div className={styles.text}>
        <h1 className={styles.greeting}>
          {t('home.greeting')}
          <span data-testid="home-user-name">{user.name}</span>
        </h1>
        <p className={styles.meta} data-testid="home-user-departments">
          {[departments || t('home.noDepartment'), user.title].filter(Boolean).join(' · ')}
        </p>
        <div data-testid="home-user-roles">
          <RoleTags roles={user.roles} />
        </div>
      </div>
    </section>
  );
}
