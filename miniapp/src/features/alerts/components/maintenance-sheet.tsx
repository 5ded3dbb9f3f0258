import { maintenanceRecurrences, maintenanceWindowBodySchema, type MaintenanceRecurrence } from '@dingops/shared/alert-maintenance';
import { Button, Input, List, Popup, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { createMaintenanceWindow } from '../api/maintenance-windows';
import { emptyMatcher, type MatcherDraft } from '../utils/matcher-draft';
import { problemPaths, showApiError } from '../utils/show-api-error';
import styles from './alerts.module.css';
import { MatcherRows } from './matcher-rows';

const fields = ['title', 'matchers', 'startsAt', 'endsAt', 'repeatUntil'] as const;
type Field = (typeof fields)[number];
type FieldErrors = { fields: Set<Field>; matcherRows: Set<number> };

function fieldErrorsOf(paths: readonly string[]): FieldErrors {
  const errors: FieldErrors = { fields: new Set(), matcherRows: new Set() };
  for (const path of paths) {
    const [field, index] = path.split('.');
    if (field === 'matchers' && index !== undefined && /^\d+$/.test(index)) errors.matcherRows.add(Number(index));
    else if (fields.includes(field as Field)) errors.fields.add(field as Field);
  }
  return errors;
}

const hasAny = (errors: FieldErrors) => errors.fields.size > 0 || errors.matcherRows.size > 0;

/** `YYYY-MM-DDTHH:mm` in the device's time zone, for a datetime-local input. */
function localInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** A datetime-local value as ISO, or '' so the schema names the field. */
function isoOf(local: string): string {
  const date = new Date(local);
  return local === '' || Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** 新建维护窗口: a title, matchers, the first occurrence, and how it repeats. */
export function MaintenanceSheet({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {open ? <MaintenanceForm onSaved={onSaved} /> : null}
    </Popup>
  );
}

function MaintenanceForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [matchers, setMatchers] = useState<MatcherDraft[]>([emptyMatcher()]);
  const [startsAt, setStartsAt] = useState(() => localInput(new Date(Date.now() + 3_600_000)));
  const [endsAt, setEndsAt] = useState(() => localInput(new Date(Date.now() + 3 * 3_600_000)));
  const [recurrence, setRecurrence] = useState<MaintenanceRecurrence>('none');
  const [repeatUntil, setRepeatUntil] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(() => fieldErrorsOf([]));
  const [saving, setSaving] = useState(false);
  /** An edited field loses its error at once; the rest wait for the next save. */
  function edited<T>(field: Field, set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setErrors((previous) => ({ fields: new Set([...previous.fields].filter((other) => other !== field)), matcherRows: field === 'matchers' ? new Set() : previous.matcherRows }));
    };
  }

  const save = async () => {
    const body = { title, matchers, startsAt: isoOf(startsAt), endsAt: isoOf(endsAt), recurrence, repeatUntil: recurrence !== 'none' && repeatUntil ? isoOf(`${repeatUntil}T23:59`) : null };
    const checked = maintenanceWindowBodySchema.safeParse(body);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error.issues.map((issue) => issue.path.join('.'))));
      return;
    }
    setSaving(true);
    try {
      await createMaintenanceWindow(checked.data);
      Toast.show({ icon: 'success', content: t('maintenance.created') });
      onSaved();
    } catch (error) {
      const mapped = fieldErrorsOf(problemPaths(error));
      setErrors(mapped);
      if (!hasAny(mapped)) showApiError(error);
    } finally {
      setSaving(false);
    }
  };

  const errorLine = (field: Field) =>
    errors.fields.has(field) ? (
      <span className={styles.error} data-testid={`maintenance-error-${field}`}>
        {t(`maintenance.invalid.${field}` as MessageKey)}
      </span>
    ) : null;

  return (
    <form
      className={sheet.body}
      data-testid="maintenance-sheet"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className={sheet.title}>{t('maintenance.add')}</h2>
      <List>
        <List.Item title={t('maintenance.field.title')} description={errorLine('title')}>
          <Input value={title} onChange={edited('title', setTitle)} maxLength={200} placeholder={t('maintenance.placeholder.title')} data-testid="maintenance-title" />
        </List.Item>
        <List.Item title={t('alerts.matchers')} description={errors.fields.has('matchers') ? <span className={styles.error}>{t('alerts.invalid.matchers')}</span> : null}>
          <MatcherRows matchers={matchers} onChange={edited('matchers', setMatchers)} invalidRows={errors.matcherRows} testId="maintenance-matcher" />
        </List.Item>
        <List.Item title={t('maintenance.field.startsAt')} description={errorLine('startsAt')}>
          <Input type="datetime-local" value={startsAt} onChange={edited('startsAt', setStartsAt)} aria-label={t('maintenance.field.startsAt')} data-testid="maintenance-starts-at" />
        </List.Item>
        <List.Item title={t('maintenance.field.endsAt')} description={errorLine('endsAt')}>
          <Input type="datetime-local" value={endsAt} onChange={edited('endsAt', setEndsAt)} aria-label={t('maintenance.field.endsAt')} data-testid="maintenance-ends-at" />
        </List.Item>
        <List.Item title={t('maintenance.field.recurrence')}>
          <Selector
            columns={3}
            value={[recurrence]}
            onChange={(value) => value[0] && setRecurrence(value[0])}
            options={maintenanceRecurrences.map((value) => ({ value, label: t(`maintenance.recurrence.${value}`) }))}
            data-testid="maintenance-recurrence"
          />
        </List.Item>
        {recurrence === 'none' ? null : (
          <List.Item title={t('maintenance.field.repeatUntil')} description={errorLine('repeatUntil') ?? <span className={styles.meta}>{t('maintenance.repeatUntilHint')}</span>}>
            <Input type="date" value={repeatUntil} onChange={edited('repeatUntil', setRepeatUntil)} aria-label={t('maintenance.field.repeatUntil')} data-testid="maintenance-repeat-until" />
          </List.Item>
        )}
      </List>
      <div className={styles.footer}>
        <Button block color="primary" size="large" type="submit" loading={saving} data-testid="maintenance-save">
          {t('maintenance.save')}
        </Button>
      </div>
    </form>
  );
}
