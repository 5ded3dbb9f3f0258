import { maxGrantDays, type AccessSystem, type Risk } from '@dingops/shared/access';
import { Button, Input, List, Popup, Selector, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { createRole } from '../api/create-role';
import { errorsFor, fieldsNamedBy, messageOf, problemText } from '../utils/problem-fields';
import { FormField } from './form-field';
import styles from './access.module.css';

type RoleField = 'name' | 'risk' | 'maxDays' | 'description';
const roleFields: readonly RoleField[] = ['name', 'risk', 'maxDays', 'description'];
const risks: readonly Risk[] = ['low', 'medium', 'high'];

/** 添加角色 (it_admin): name, risk (decides the approvers), the longest a grant may last. */
export function RoleSheet({ system, onClose, onCreated }: { system: AccessSystem | null; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [risk, setRisk] = useState<Risk | null>(null);
  const [maxDays, setMaxDays] = useState('90');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Partial<Record<RoleField, true | string>>>({});
  const [saving, setSaving] = useState(false);
  const messages: Record<RoleField, string> = {
    name: t('access.catalog.invalid.roleName'),
    risk: t('access.catalog.invalid.risk'),
    maxDays: t('access.catalog.invalid.maxDays', { max: maxGrantDays }),
    description: t('access.catalog.invalid.description'),
  };

  const submit = async () => {
    if (!system) return;
    const days = Number(maxDays);
    const missing: Partial<Record<RoleField, true>> = {};
    if (!name.trim()) missing.name = true;
    if (!risk) missing.risk = true;
    if (!Number.isInteger(days)) missing.maxDays = true;
    setErrors(missing);
    if (Object.keys(missing).length > 0 || !risk) return;
    setSaving(true);
    try {
      await createRole(system.id, { name: name.trim(), risk, maxDays: days, description: description.trim() || undefined });
      Toast.show({ icon: 'success', content: t('access.catalog.roleAdded') });
      onCreated();
    } catch (error) {
      // The server's refusal in our words under the field it names (a name taken), else the field's own message.
      const known = Object.keys(errorsFor(fieldsNamedBy(error) ?? [], roleFields).errors);
      const text = problemText(error);
      if (known.length > 0) setErrors(Object.fromEntries(known.map((field) => [field, text ?? true])));
      else if (error instanceof ApiError) Toast.show({ content: problemText(error) ?? describeApiError(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Popup visible={system !== null} onMaskClick={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      <form className={`${sheet.body} ${styles.form}`} data-testid="access-role-sheet" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
        <h2 className={sheet.title}>{t('access.catalog.addRoleTo', { system: system?.name ?? '' })}</h2>
        <List>
          <FormField name="name" label={t('access.catalog.roleName')} error={messageOf(errors.name, messages.name)} required>
            <Input value={name} onChange={setName} maxLength={60} data-testid="access-role-name" aria-label={t('access.catalog.roleName')} />
          </FormField>
          <FormField name="risk" label={t('access.catalog.risk')} error={messageOf(errors.risk, messages.risk)} required hint={t('access.catalog.riskHint')}>
            <Selector columns={3} value={risk ? [risk] : []} onChange={(values) => setRisk(values[0] ?? null)} options={risks.map((value) => ({ label: t(`access.risk.${value}`), value }))} data-testid="access-role-risk" />
          </FormField>
          <FormField name="maxDays" label={t('access.catalog.maxDays')} error={messageOf(errors.maxDays, messages.maxDays)} required>
            <Input type="number" inputMode="numeric" value={maxDays} onChange={setMaxDays} data-testid="access-role-max-days" aria-label={t('access.catalog.maxDays')} />
          </FormField>
          <FormField name="description" label={t('access.catalog.description')} error={messageOf(errors.description, messages.description)}>
            <TextArea value={description} onChange={setDescription} maxLength={500} autoSize={{ minRows: 2 }} data-testid="access-role-description" aria-label={t('access.catalog.description')} />
          </FormField>
        </List>
        <div className={styles.rowActions}>
          <Button block color="primary" type="submit" loading={saving} data-testid="access-role-submit">
            {t('access.save')}
          </Button>
        </div>
      </form>
    </Popup>
  );
}
