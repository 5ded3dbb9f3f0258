import type { AccessSystem, Risk } from '@dingops/shared/access';
import { Button, Input, List, Popup, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { createReview } from '../api/create-review';
import { fromDateInput, toDateInput } from '../utils/format';
import { fieldsNamedBy, problemText } from '../utils/problem-fields';
import { FormField } from './form-field';
import styles from './access.module.css';

type CampaignField = 'name' | 'dueAt' | 'scope';
const risks: readonly Risk[] = ['low', 'medium', 'high'];

/** 发起复核 (it_admin): a name, what it covers (a system, a risk, a department id) and when it is due. */
export function CampaignSheet({ visible, systems, onClose, onCreated }: { visible: boolean; systems: readonly AccessSystem[]; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [systemId, setSystemId] = useState<number | null>(null);
  const [risk, setRisk] = useState<Risk | null>(null);
  const [departmentId, setDepartmentId] = useState('');
  const [due, setDue] = useState(() => toDateInput(new Date(Date.now() + 14 * 86_400_000)));
  const [errors, setErrors] = useState<Partial<Record<CampaignField, true>>>({});
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const dueAt = fromDateInput(due, { endOfDay: true });
    const department = departmentId.trim() ? Number(departmentId) : undefined;
    const missing: Partial<Record<CampaignField, true>> = {};
    if (!name.trim()) missing.name = true;
    if (!dueAt || new Date(dueAt).getTime() <= Date.now()) missing.dueAt = true;
    if (department !== undefined && !Number.isInteger(department)) missing.scope = true;
    setErrors(missing);
    if (Object.keys(missing).length > 0 || !dueAt) return;
    setSaving(true);
    try {
      const scope = { ...(systemId ? { systemId } : {}), ...(risk ? { risk } : {}), ...(department !== undefined ? { departmentId: department } : {}) };
      const created = await createReview({ name: name.trim(), scope, dueAt });
      Toast.show({ icon: 'success', content: t('access.campaigns.created') });
      onCreated(created.id);
    } catch (error) {
      const named = fieldsNamedBy(error) ?? [];
      const found = Object.fromEntries(named.map((path) => [path.split('.')[0], true])) as Partial<Record<CampaignField, true>>;
      if (Object.keys(found).length > 0) setErrors(found);
      else if (error instanceof ApiError) Toast.show({ content: problemText(error) ?? describeApiError(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      <form className={`${sheet.body} ${styles.form}`} data-testid="access-campaign-sheet" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
        <h2 className={sheet.title}>{t('access.campaigns.create')}</h2>
        <List>
          <FormField name="name" label={t('access.campaigns.name')} error={errors.name && t('access.campaigns.invalid.name')} required>
            <Input value={name} onChange={setName} maxLength={80} placeholder={t('access.campaigns.namePlaceholder')} data-testid="access-campaign-name" aria-label={t('access.campaigns.name')} />
          </FormField>
          <FormField name="scope" label={t('access.campaigns.system')} error={errors.scope && t('access.campaigns.invalid.scope')} hint={t('access.campaigns.allWhenEmpty')}>
            <Selector columns={2} value={systemId ? [String(systemId)] : []} onChange={(values) => setSystemId(values[0] ? Number(values[0]) : null)} options={systems.map((system) => ({ label: system.name, value: String(system.id) }))} data-testid="access-campaign-system" />
          </FormField>
          <List.Item title={t('access.catalog.risk')}>
            <Selector columns={3} value={risk ? [risk] : []} onChange={(values) => setRisk(values[0] ?? null)} options={risks.map((value) => ({ label: t(`access.risk.${value}`), value }))} data-testid="access-campaign-risk" />
          </List.Item>
          <List.Item title={t('access.campaigns.departmentId')}>
            <Input type="number" inputMode="numeric" value={departmentId} onChange={setDepartmentId} placeholder={t('access.campaigns.allWhenEmpty')} data-testid="access-campaign-department" aria-label={t('access.campaigns.departmentId')} />
          </List.Item>
          <FormField name="dueAt" label={t('access.campaigns.dueAt')} error={errors.dueAt && t('access.campaigns.invalid.dueAt')} required>
            <input className={styles.dateInput} type="date" value={due} min={toDateInput(new Date())} onChange={(event) => setDue(event.target.value)} data-testid="access-campaign-due" aria-label={t('access.campaigns.dueAt')} />
          </FormField>
        </List>
        <div className={styles.rowActions}>
          <Button block color="primary" type="submit" loading={saving} data-testid="access-campaign-submit">
            {t('access.campaigns.start')}
          </Button>
        </div>
      </form>
    </Popup>
  );
}
