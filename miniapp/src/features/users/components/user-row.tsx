import type { User } from '@dingops/shared/users';
import { List } from 'antd-mobile';
import { PersonAvatar } from '../../../components/person-avatar';
import { RoleTags } from '../../../components/role-tags';
import { useI18n } from '../../../lib/i18n';
import styles from './user-row.module.css';

export function UserRow({ user, onOpen }: { user: User; onOpen: (user: User) => void }) {
  const { t } = useI18n();
  const departments = user.departments.map((department) => department.name).join(' · ');
  return (
    <List.Item
      className={styles.row}
      prefix={<PersonAvatar name={user.name} avatarUrl={user.avatarUrl} />}
      description={
        <span className={styles.second}>
          {[departments, user.title].filter(Boolean).join(' · ')}
          <RoleTags roles={user.roles} />
        </span>
      }
      extra={user.status === 'active' ? undefined : <span className={styles.suspended}>{t(`users.status.${user.status}`)}</span>}
      onClick={() => onOpen(user)}
      arrowIcon
      data-testid={`user-row-${user.id}`}
    >
      {user.name}
    </List.Item>
  );
}
