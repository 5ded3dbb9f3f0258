import type { ReviewerKind } from '@dingops/shared/access';
import { Button, Input, List, Popup, Selector, Switch, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { createSystem } from '../api/create-system';
import { errorsFor, fieldsNamedBy, messageOf, problemText } from '../utils/problem-fields';
import { FormField } from './form-field';
import styles from './access.module.css';

type SystemField = 'name' | 'ownerUserId' | 'description';
const systemFields: readonly SystemField[] = ['name', 'ownerUserId', 'description'];

/** 添加系统 (it_admin): name, owner (a DingTalk user id), whether IT provisions by hand, who reviews. */
export function SystemSheet({ visible, onClose, onCreated }: { visible: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [ownerUserId, setOwner] = useState('');
  const [description, setDescription] = useState('');
  const [manualProvisioning, setManual] = useState(false);
  const [reviewer, setReviewer] = useState<ReviewerKind>('manager');
  const [errors, setErrors] = useState<Partial<Record<SystemField, true | string>>>({});
  const [saving, setSaving] = useState(false);
  const messages: Record<SystemField, string> = { name: t('access.catalog.invalid.name'), ownerUserId: t('access.catalog.invalid.owner'), description: t('access.catalog.invalid.description') };

  const submit = async () => {
    const missing = { ...(name.trim() ? {} : { name: true as const }), ...(ownerUserId.trim() ? {} : { ownerUserId: true as const }) };
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setSaving(true);
    try {
      await createSystem({ name: name.trim(), ownerUserId: ownerUserId.trim(), description: description.trim() || undefined, manualProvisioning, reviewer });
      Toast.show({ icon: 'success', content: t('access.catalog.systemAdded') });
      onCreated();
    } catch (error) {
      // The server's refusal in our words under the field it names (a name taken), else the field's own message.
      const known = Object.keys(errorsFor(fieldsNamedBy(error) ?? [], systemFields).errors);
      const text = problemText(error);
      if (known.length > 0) setErrors(Object.fromEntries(known.map((field) => [field, text ?? true])));
      else if (error instanceof ApiError) Toast.show({ content: problemText(error) ?? describeApiError(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      <form className={`${sheet.body} ${styles.form}`} data-testid="access-system-sheet" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
        <h2 className={sheet.title}>{t('access.catalog.addSystem')}</h2>
        <List>
          <FormField name="name" label={t('access.catalog.systemName')} error={messageOf(errors.name, messages.name)} required>
            <Input value={name} onChange={setName} maxLength={60} data-testid="access-system-name" aria-label={t('access.catalog.systemName')} />
          </FormField>
          <FormField name="ownerUserId" label={t('access.catalog.owner')} error={messageOf(errors.ownerUserId, messages.ownerUserId)} required hint={t('access.form.forUserIdHint')}>
            <Input value={ownerUserId} onChange={setOwner} maxLength={64} placeholder="yq-wanglei" data-testid="access-system-owner" aria-label={t('access.catalog.owner')} />
          </FormField>
          <FormField name="description" label={t('access.catalog.description')} error={messageOf(errors.description, messages.description)}>
            <TextArea value={description} onChange={setDescription} maxLength={500} autoSize={{ minRows: 2 }} data-testid="access-system-description" aria-label={t('access.catalog.description')} />
          </FormField>
          <List.Item extra={<Switch checked={manualProvisioning} onChange={setManual} data-testid="access-system-manual" />} description={t('access.catalog.manualHint')}>
            {t('access.catalog.manual')}
          </List.Item>
          <List.Item title={t('access.catalog.reviewer')}>
            <Selector columns={2} value={[reviewer]} onChange={(values) => values[0] && setReviewer(values[0])} options={[{ label: t('access.reviewer.manager'), value: 'manager' as const }, { label: t('access.reviewer.owner'), value: 'owner' as const }]} data-testid="access-system-reviewer" />
          </List.Item>
        </List>
        <div className={styles.rowActions}>
          <Button block color="primary" type="submit" loading={saving} data-testid="access-system-submit">
            {t('access.save')}
          </Button>
        </div>
      </form>
    </Popup>
  );
}
