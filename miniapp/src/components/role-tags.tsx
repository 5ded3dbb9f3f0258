import type { Role } from '@dingops/shared/roles';
import { useI18n } from '../lib/i18n';
import styles from './role-tags.module.css';

/** Each role as a tinted tag that always carries its name (colour is never the only signal). */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  return (
    <span className={styles.tags}>
      {roles.map((role) => (
        <span key={role} className={`${styles.tag} ${styles[role] ?? ''}`} data-role={role}>
          {t(`role.${role}`)}
        </span>
      ))}
    </span>
  );
}
