import { createOverrideBodySchema, type Schedule } from '@dingops/shared/oncall';
import { Button, DotLoading, Input, List, Popup, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { createOverride } from '../api/create-override';
import { useItPeople } from '../hooks/use-it-people';
import { beijingInputNow, beijingInputToIso } from '../utils/calendar-days';
import styles from './oncall.module.css';

type Field = 'userId' | 'startsAt' | 'endsAt' | 'reason';
type Errors = Partial<Record<Field, MessageKey>>;
const fieldMessages: Record<Field, MessageKey> = { userId: 'oncall.invalid.person', startsAt: 'oncall.invalid.startsAt', endsAt: 'oncall.invalid.endsAt', reason: 'oncall.invalid.reason' };

function errorsOf(paths: readonly string[]): Errors {
  const errors: Errors = {};
  for (const path of paths) {
    const field = path.replace(/^body\./, '').split('.')[0] as Field;
    if (field in fieldMessages) errors[field] = fieldMessages[field];
  }
  return errors;
}

/** 添加替班: pick an IT person, a span in Beijing time and a reason. */
export function OverrideSheet({ schedule, onClose, onSaved }: { schedule: Schedule | null; onClose: () => void; onSaved: () => void }) {
  return (
    <Popup visible={schedule !== null} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {schedule ? <OverrideForm schedule={schedule} onSaved={onSaved} /> : null}
    </Popup>
  );
}

function OverrideForm({ schedule, onSaved }: { schedule: Schedule; onSaved: () => void }) {
  const { t } = useI18n();
  const people = useItPeople();
  const [userId, setUserId] = useState<string | null>(null);
  const [startsAt, setStartsAt] = useState(() => beijingInputNow(new Date()));
  const [endsAt, setEndsAt] = useState(() => beijingInputNow(new Date(), 24));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const body = { userId: userId ?? '', startsAt: startsAt ? beijingInputToIso(startsAt) : '', endsAt: endsAt ? beijingInputToIso(endsAt) : '', reason };
    const checked = createOverrideBodySchema.safeParse(body);
    if (!checked.success) {
      setErrors(errorsOf(checked.error.issues.map((issue) => issue.path.join('.'))));
      return;
    }
    setSaving(true);
    try {
      await createOverride(schedule.id, checked.data);
      Toast.show({ icon: 'success', content: t('oncall.overrideAdded') });
      onSaved();
    } catch (error) {
      const mapped = error instanceof ApiError && error.status === 400 ? errorsOf((error.problem?.errors ?? []).map((issue) => issue.path)) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) Toast.show({ content: error instanceof ApiError ? describeApiError(error) : t('error.server') });
    } finally {
      setSaving(false);
    }
  };

  const errorLine = (field: Field) => (errors[field] ? <span className={styles.error} data-testid={`override-error-${field}`}>{t(errors[field])}</span> : null);
  return (
    <form
      className={sheet.body}
      data-testid="override-sheet"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className={sheet.title}>{t('oncall.addOverrideTo', { name: schedule.name })}</h2>
      <List>
        <List.Item title={t('oncall.person')} description={errorLine('userId')}>
          {people.state.status === 'ready' ? (
            <Selector
              columns={3}
              value={userId ? [userId] : []}
              onChange={(values) => {
                setUserId(values[0] ?? null);
                setErrors((previous) => ({ ...previous, userId: undefined }));
              }}
              options={people.state.value.map((person) => ({ label: person.name, value: person.id }))}
              data-testid="override-person"
            />
          ) : people.state.status === 'loading' ? (
            <DotLoading color="primary" />
          ) : (
            <Button size="small" onClick={people.reload}>
              {t('common.retry')}
            </Button>
          )}
        </List.Item>
        <List.Item title={t('oncall.startsAt')} description={errorLine('startsAt')}>
          <Input type="datetime-local" value={startsAt} onChange={setStartsAt} aria-label={t('oncall.startsAt')} data-testid="override-starts-at" />
        </List.Item>
        <List.Item title={t('oncall.endsAt')} description={errorLine('endsAt')}>
          <Input type="datetime-local" value={endsAt} onChange={setEndsAt} aria-label={t('oncall.endsAt')} data-testid="override-ends-at" />
        </List.Item>
        <List.Item title={t('oncall.reason')} description={errorLine('reason')}>
          <Input value={reason} onChange={setReason} maxLength={200} placeholder={t('oncall.reasonPlaceholder')} data-testid="override-reason" />
        </List.Item>
      </List>
      <p className={styles.meta}>{t('oncall.beijingTime')}</p>
      <Button block color="primary" size="large" type="submit" loading={saving} data-testid="override-save">
        {t('oncall.saveOverride')}
      </Button>
    </form>
  );
}
