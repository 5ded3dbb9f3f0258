import { Button, Dialog, Input, List } from 'antd-mobile';
import { useState } from 'react';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { sortDays, type CalendarDay } from '../utils/sla-draft';
import styles from './sla-settings-form.module.css';

type DayListEditorProps = {
  title: string;
  hint: string;
  days: readonly CalendarDay[];
  onChange: (days: CalendarDay[]) => void;
  error: MessageKey | undefined;
  /** `<testId>-add`, `<testId>-date`, `<testId>-row-<date>`… */
  testId: string;
  /** Days offered in one tap (after a confirm that says what to check); existing dates are kept as they are. */
  suggestion?: { label: string; confirm: string; days: readonly CalendarDay[] };
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A list of dated days (holidays, 调休 workdays): add one with a date and a name, remove any. */
export function DayListEditor({ title, hint, days, onChange, error, testId, suggestion }: DayListEditorProps) {
  const { t } = useI18n();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const add = () => {
    if (!isoDate.test(date)) {
      setProblem('settings.invalid.date');
      return;
    }
    if (days.some((day) => day.date === date)) {
      setProblem('settings.invalid.dateTaken');
      return;
    }
    onChange(sortDays([...days, { date, name: name.trim() }]));
    setDate('');
    setName('');
    setProblem(null);
  };
  const shown = problem ?? error;
  const addSuggested = async () => {
    if (!suggestion) return;
    const confirmed = await Dialog.confirm({ content: suggestion.confirm, confirmText: t('settings.add'), cancelText: t('common.cancel') });
    if (!confirmed) return;
    const fresh = suggestion.days.filter((day) => !days.some((existing) => existing.date === day.date));
    onChange(sortDays([...days, ...fresh]));
  };

  return (
    <List header={title} className={styles.group} data-testid={testId}>
      {days.length === 0 ? <List.Item className={styles.muted}>{t('settings.noDays')}</List.Item> : null}
      {days.map((day) => (
        <List.Item
          key={day.date}
          data-testid={`${testId}-row-${day.date}`}
          extra={
            <button type="button" className={styles.remove} onClick={() => onChange(days.filter((other) => other.date !== day.date))} aria-label={t('settings.removeDay', { date: day.date })} data-testid={`${testId}-remove-${day.date}`}>
              {t('settings.remove')}
            </button>
          }
        >
          <span className={styles.date}>{day.date}</span>
          <span className={styles.dayName}>{day.name}</span>
        </List.Item>
      ))}
      <List.Item
        description={
          shown ? (
            <span className={styles.error} role="alert" data-testid={`${testId}-error`}>
              {t(shown)}
            </span>
          ) : (
            hint
          )
        }
      >
        <div className={styles.addDay}>
          <Input type="date" value={date} onChange={setDate} className={styles.dateInput} aria-label={t('settings.date')} data-testid={`${testId}-date`} />
          <Input value={name} onChange={setName} maxLength={40} placeholder={t('settings.dayNamePlaceholder')} className={styles.nameInput} aria-label={t('settings.dayName')} data-testid={`${testId}-name`} />
          <Button size="small" color="primary" fill="outline" onClick={add} data-testid={`${testId}-add`}>
            {t('settings.add')}
          </Button>
        </div>
      </List.Item>
      {suggestion ? (
        <List.Item onClick={() => void addSuggested()} className={styles.suggestion} data-testid={`${testId}-suggest`}>
          {suggestion.label}
        </List.Item>
      ) : null}
    </List>
  );
}
