import { maintenanceRecurrences, maintenanceWindowBodySchema, type MaintenanceRecurrence } from '@dingops/shared/alert-maintenance';
import { Button, Input, List, Popup, Selector } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { createMaintenanceWindow } from '../api/maintenance-windows';
import { useCheckedSave } from '../hooks/use-checked-save';
import { isoOf, localInput } from '../utils/datetime-local';
import { emptyMatcher, type MatcherDraft } from '../utils/matcher-draft';
import styles from './alerts.module.css';
import { MatcherRows } from './matcher-rows';

const fields = ['title', 'matchers', 'startsAt', 'endsAt', 'repeatUntil'] as const;
type Field = (typeof fields)[number];

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
  const { errors, saving, save, edited } = useCheckedSave({
    schema: maintenanceWindowBodySchema,
    fields,
    submit: createMaintenanceWindow,
    successText: t('maintenance.created'),
    onSaved,
  });

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
        void save({ title, matchers, startsAt: isoOf(startsAt), endsAt: isoOf(endsAt), recurrence, repeatUntil: recurrence !== 'none' && repeatUntil ? isoOf(`${repeatUntil}T23:59`) : null });
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
