import type { AccessRole, AccessSystem } from '@dingops/shared/access';
import { CheckList, List, Selector } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import { RiskTag } from './access-tags';
import styles from './access.module.css';

type RolePickerProps = {
  systems: readonly AccessSystem[];
  systemId: number | null;
  roleId: number | null;
  onSystem: (systemId: number) => void;
  onRole: (role: AccessRole) => void;
  /** Renewals keep the role they continue. */
  locked: boolean;
  error: string | null;
};

/** 系统 as chips, then its roles with their risk and longest duration. */
export function RolePicker({ systems, systemId, roleId, onSystem, onRole, locked, error }: RolePickerProps) {
  const { t } = useI18n();
  const system = systems.find((each) => each.id === systemId) ?? null;
  return (
    <>
      <List header={t('access.form.system')}>
        <List.Item>
          <Selector
            data-testid="access-form-system"
            columns={2}
            disabled={locked}
            value={systemId === null ? [] : [String(systemId)]}
            options={systems.map((each) => ({ label: each.name, value: String(each.id) }))}
            onChange={(values) => values[0] && onSystem(Number(values[0]))}
          />
        </List.Item>
      </List>
      {system ? (
        <List header={t('access.form.role')}>
          {system.description ? <List.Item description={system.description}>{t('access.form.aboutSystem')}</List.Item> : null}
          <CheckList value={roleId === null ? [] : [String(roleId)]} onChange={(values) => {
            const picked = system.roles.find((role) => String(role.id) === values[0]);
            if (picked && !locked) onRole(picked);
          }} data-testid="access-form-roles">
            {system.roles.map((role) => (
              <CheckList.Item
                key={role.id}
                value={String(role.id)}
                disabled={locked && role.id !== roleId}
                data-testid={`access-form-role-${role.id}`}
                description={[t('access.form.maxDays', { days: role.maxDays }), role.description].filter(Boolean).join(' · ')}
              >
                <span className={styles.rowTitle}>
                  <span>{role.name}</span>
                  <RiskTag risk={role.risk} />
                </span>
              </CheckList.Item>
            ))}
          </CheckList>
        </List>
      ) : null}
      {error ? <span className={`${styles.error} ${styles.section}`} role="alert" data-testid="access-form-error-role">{error}</span> : null}
    </>
  );
}
