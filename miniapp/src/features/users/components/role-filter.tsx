import { allRoles, type Role } from '@dingops/shared/roles';
import { CapsuleTabs } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';

const allKey = 'all';

export function RoleFilter({ value, onChange }: { value: Role | undefined; onChange: (role: Role | undefined) => void }) {
  const { t } = useI18n();
  return (
    <CapsuleTabs activeKey={value ?? allKey} onChange={(key) => onChange(allRoles.find((role) => role === key))}>
      <CapsuleTabs.Tab key={allKey} title={t('users.allRoles')} />
      {allRoles.map((role) => (
        <CapsuleTabs.Tab key={role} title={t(`role.${role}`)} />
      ))}
    </CapsuleTabs>
  );
}
