import { assignableRoleSchema, type AssignableRole } from '@dingops/shared/roles';
import type { User } from '@dingops/shared/users';
import { Button, Checkbox, Popup, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { RoleTags } from '../../../components/role-tags';
import { useI18n } from '../../../lib/i18n';
import { setUserRoles } from '../api/set-user-roles';
import sheet from '../../../components/bottom-sheet.module.css';
import styles from './role-editor.module.css';

const assignableRoles = assignableRoleSchema.options;

function grantedRoles(user: User): AssignableRole[] {
  return assignableRoles.filter((role) => user.roles.includes(role));
}

type RoleEditorProps = { user: User | null; onClose: () => void; onSaved: (user: User) => void };

/** Bottom sheet with the three hand-granted roles; employee and manager are not editable here. */
export function RoleEditor({ user, onClose, onSaved }: RoleEditorProps) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<AssignableRole[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user) setRoles(grantedRoles(user));
  }, [user]);

  const save = async () => {
    if (!user) return;
    setSaving(true);
    try {
      const updated = await setUserRoles({ userId: user.id, roles });
      Toast.show({ icon: 'success', content: t('users.saved') });
      onSaved(updated);
    } catch {
      // api-client has already shown the error toast; keep the sheet open to retry
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popup visible={user !== null} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {user ? (
        <div className={sheet.body} data-testid="role-editor">
          <h2 className={styles.title}>{t('users.editRoles')}</h2>
          <p className={styles.who}>
            {user.name}
            <RoleTags roles={user.roles} />
          </p>
          <Checkbox.Group value={roles} onChange={(values) => setRoles(assignableRoles.filter((role) => values.includes(role)))}>
            <div className={styles.options}>
              {assignableRoles.map((role) => (
                <Checkbox key={role} value={role} className={styles.option} data-testid={`role-option-${role}`}>
                  {t(`role.${role}`)}
                </Checkbox>
              ))}
            </div>
          </Checkbox.Group>
          <p className={styles.hint}>{t('users.rolesHint')}</p>
          <div className={styles.actions}>
            <Button className={styles.button} onClick={onClose} disabled={saving}>
              {t('users.cancel')}
            </Button>
            <Button className={styles.button} color="primary" loading={saving} onClick={() => void save()} data-testid="role-editor-save">
              {t('users.save')}
            </Button>
          </div>
        </div>
      ) : null}
    </Popup>
  );
}
