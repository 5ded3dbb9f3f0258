import type { AccessSystem, Catalog } from '@dingops/shared/access';
import { Button, Input, List, NoticeBar, Stepper, Switch, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { createRequest } from '../api/create-request';
import { errorsFor, fieldsNamedBy, problemText } from '../utils/problem-fields';
import { checkRequestDraft, defaultDays, requestFields, type RequestDraft, type RequestField } from '../utils/request-draft';
import { RolePicker } from './role-picker';
import styles from './access.module.css';

type RequestFormProps = {
  catalog: Catalog;
  /** From 续期 or a link: the role asked for again, and the grant it continues. */
  initial: { roleId: number | null; extendsGrantId: number | null; forUserId: string | null };
  canAskForTeam: boolean;
  onCreated: (id: number) => void;
};

function initialDraft(systems: readonly AccessSystem[], initial: RequestFormProps['initial']): RequestDraft {
  const system = systems.find((each) => each.roles.some((role) => role.id === initial.roleId)) ?? null;
  const role = system?.roles.find((each) => each.id === initial.roleId) ?? null;
  return {
    systemId: system?.id ?? null,
    role,
    days: role ? defaultDays(role) : 30,
    reason: '',
    forTeam: Boolean(initial.forUserId),
    forUserId: initial.forUserId ?? '',
    extendsGrantId: role ? initial.extendsGrantId : null,
  };
}

/** 申请权限: system → role → days → reason; a manager may ask for a member of their team. */
export function RequestForm({ catalog, initial, canAskForTeam, onCreated }: RequestFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(() => initialDraft(catalog.items, initial));
  const [errors, setErrors] = useState<Partial<Record<RequestField, string>>>({});
  const [saving, setSaving] = useState(false);
  const messages: Record<RequestField, string> = {
    roleId: t('access.form.invalid.role'),
    days: t('access.form.invalid.days', { max: draft.role?.maxDays ?? 730 }),
    reason: t('access.form.invalid.reason'),
    forUserId: t('access.form.invalid.forUserId'),
  };
  const change = (patch: Partial<RequestDraft>, field?: RequestField) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    if (field) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };
  const show = (fields: readonly RequestField[]) => setErrors(Object.fromEntries(fields.map((field) => [field, messages[field]])));

  const submit = async () => {
    const checked = checkRequestDraft(draft);
    if ('fields' in checked) return show(checked.fields);
    setSaving(true);
    try {
      const created = await createRequest(checked.body);
      Toast.show({ icon: 'success', content: t('access.form.sent') });
      onCreated(created.id);
    } catch (error) {
      // Under the field the server names: its refusal in our words when we know the code, else the field's message.
      const named = Object.keys(errorsFor(fieldsNamedBy(error) ?? [], requestFields).errors) as RequestField[];
      const text = problemText(error);
      if (named.length > 0) setErrors(Object.fromEntries(named.map((field) => [field, field === 'days' ? messages.days : (text ?? messages[field])])));
      else if (error instanceof ApiError) Toast.show({ content: text ?? describeApiError(error) });
    } finally {
      setSaving(false);
    }
  };

  const locked = draft.extendsGrantId !== null;
  return (
    <form className={`${styles.form} ${styles.page}`} data-testid="access-request-form" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
      {locked ? <NoticeBar content={t('access.form.extending')} color="info" data-testid="access-form-extending" /> : null}
      <RolePicker
        systems={catalog.items}
        systemId={draft.systemId}
        roleId={draft.role?.id ?? null}
        locked={locked}
        error={errors.roleId ?? null}
        onSystem={(systemId) => change({ systemId, role: null }, 'roleId')}
        onRole={(role) => change({ role, days: Math.min(draft.days, role.maxDays) }, 'roleId')}
      />
      <List header={t('access.form.details')}>
        <List.Item
          title={<span className={`${styles.label} ${styles.required}`}>{t('access.form.days')}</span>}
          extra={draft.role ? t('access.form.maxDays', { days: draft.role.maxDays }) : null}
          description={errors.days ? <span className={styles.error} role="alert" data-testid="access-form-error-days">{errors.days}</span> : null}
        >
          <Stepper min={1} max={draft.role?.maxDays ?? 730} digits={0} value={draft.days} onChange={(value) => change({ days: value ?? 1 }, 'days')} data-testid="access-form-days" aria-label={t('access.form.days')} />
        </List.Item>
        <List.Item
          title={<span className={`${styles.label} ${styles.required}`}>{t('access.form.reason')}</span>}
          description={errors.reason ? <span className={styles.error} role="alert" data-testid="access-form-error-reason">{errors.reason}</span> : null}
        >
          <TextArea value={draft.reason} onChange={(reason) => change({ reason }, 'reason')} placeholder={t('access.form.reasonPlaceholder')} autoSize={{ minRows: 3 }} maxLength={500} data-testid="access-form-reason" aria-label={t('access.form.reason')} />
        </List.Item>
        {canAskForTeam && !locked ? (
          <List.Item extra={<Switch checked={draft.forTeam} onChange={(forTeam) => change({ forTeam }, 'forUserId')} data-testid="access-form-for-team" />}>{t('access.form.forTeam')}</List.Item>
        ) : null}
        {draft.forTeam ? (
          <List.Item
            title={<span className={`${styles.label} ${styles.required}`}>{t('access.form.forUserId')}</span>}
            description={errors.forUserId ? <span className={styles.error} role="alert" data-testid="access-form-error-forUserId">{errors.forUserId}</span> : t('access.form.forUserIdHint')}
          >
            <Input value={draft.forUserId} onChange={(forUserId) => change({ forUserId }, 'forUserId')} placeholder="yq-zhangwei" data-testid="access-form-for-user" aria-label={t('access.form.forUserId')} />
          </List.Item>
        ) : null}
      </List>
      <div className={styles.actionBar}>
        <Button block color="primary" size="large" type="submit" loading={saving} data-testid="access-form-submit">
          {t('access.form.submit')}
        </Button>
      </div>
    </form>
  );
}
