import { Button, Input, List, Switch, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { putSlaSettings, type SlaSettings } from '../api/sla-settings';
import { useSlaSettings } from '../hooks/use-sla-settings';
import { checkSlaDraft, draftOf, levels, slaErrorsFromProblem, weekdaysMondayFirst, type LevelKey, type SlaDraft, type SlaErrors, type TargetDraft } from '../utils/sla-draft';
import { chinaStatutoryHolidays2027 } from '../utils/china-statutory-holidays-2027';
import { DayListEditor } from './day-list-editor';
import styles from './sla-settings-form.module.css';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';

/** 服务时限与工作日历: loads the saved settings, then the form edits a copy until 保存. */
export function SlaSettingsPage() {
  const { state, reload } = useSlaSettings();
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed description={state.error ? describeApiError(state.error) : null} onRetry={reload} />;
  return <SlaSettingsForm key={state.version} settings={state.value} onSaved={reload} />;
}

function SlaSettingsForm({ settings, onSaved }: { settings: SlaSettings; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<SlaDraft>(() => draftOf(settings));
  const [errors, setErrors] = useState<SlaErrors>({});
  const [saving, setSaving] = useState(false);

  const update = (next: Partial<SlaDraft>, clears: string[]) => {
    setDraft((previous) => ({ ...previous, ...next }));
    setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([key]) => !clears.includes(key))));
  };
  const updateTarget = (level: LevelKey, field: keyof TargetDraft, value: string | boolean) => {
    setDraft((previous) => ({ ...previous, targets: { ...previous.targets, [level]: { ...previous.targets[level], [field]: value } } }));
    setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([key]) => key !== `targets.${level}.${field}`)));
  };
  const toggleWorkday = (day: number) => {
    const workdays = draft.workdays.includes(day) ? draft.workdays.filter((other) => other !== day) : [...draft.workdays, day];
    update({ workdays }, ['calendar.workdays']);
  };

  const save = async () => {
    const checked = checkSlaDraft(draft);
    if (checked.errors) {
      setErrors(checked.errors);
      Toast.show({ content: t('settings.fixErrors') });
      return;
    }
    setSaving(true);
    try {
      await putSlaSettings(checked.settings);
      Toast.show({ icon: 'success', content: t('settings.saved') });
      onSaved();
    } catch (error) {
      const mapped = error instanceof ApiError && error.status === 400 ? slaErrorsFromProblem(error.problem) : {};
      setErrors(mapped);
      Toast.show({ content: Object.keys(mapped).length > 0 ? t('settings.fixErrors') : error instanceof ApiError ? describeApiError(error) : t('error.server') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className={styles.form}
      data-testid="sla-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {levels.map((level) => (
        <TargetGroup key={level} level={level} target={draft.targets[level]} errors={errors} onChange={updateTarget} />
      ))}

      <List header={t('settings.workingTime')} className={styles.group}>
        <List.Item description={errors['calendar.workdays'] ? <ErrorText message={errors['calendar.workdays']} testId="sla-error-workdays" /> : null}>
          <div className={styles.weekdays} role="group" aria-label={t('settings.workdays')}>
            {weekdaysMondayFirst.map((day) => (
              <button key={day} type="button" className={styles.weekday} aria-pressed={draft.workdays.includes(day)} onClick={() => toggleWorkday(day)} data-testid={`sla-workday-${day}`}>
                {t(`settings.weekday.${day}`)}
              </button>
            ))}
          </div>
        </List.Item>
        <List.Item
          title={t('settings.hours')}
          description={
            errors['calendar.startMinute'] || errors['calendar.endMinute'] ? <ErrorText message={errors['calendar.endMinute'] ?? errors['calendar.startMinute'] ?? 'settings.invalid.hours'} testId="sla-error-hours" /> : t('settings.timeZone', { offset: formatOffset(draft.utcOffsetMinutes) })
          }
        >
          <div className={styles.hours}>
            <Input type="time" value={draft.start} onChange={(start) => update({ start }, ['calendar.startMinute', 'calendar.endMinute'])} aria-label={t('settings.start')} data-testid="sla-start" />
            <span aria-hidden="true">–</span>
            <Input type="time" value={draft.end} onChange={(end) => update({ end }, ['calendar.startMinute', 'calendar.endMinute'])} aria-label={t('settings.end')} data-testid="sla-end" />
          </div>
        </List.Item>
      </List>

      <DayListEditor
        title={t('settings.holidays')}
        hint={t('settings.holidaysHint')}
        days={draft.holidays}
        onChange={(holidays) => update({ holidays }, ['calendar.holidays'])}
        error={errors['calendar.holidays']}
        testId="sla-holidays"
        suggestion={{ label: t('settings.suggestHolidays2027'), confirm: t('settings.suggestHolidays2027Confirm'), days: chinaStatutoryHolidays2027 }}
      />
      <DayListEditor
        title={t('settings.extraWorkdays')}
        hint={t('settings.extraWorkdaysHint')}
        days={draft.extraWorkdays}
        onChange={(extraWorkdays) => update({ extraWorkdays }, ['calendar.extraWorkdays', 'calendar.workdays'])}
        error={errors['calendar.extraWorkdays']}
        testId="sla-extra-workdays"
      />

      <div className={styles.submitBar}>
        <Button block color="primary" size="large" type="submit" loading={saving} data-testid="sla-save">
          {t('settings.save')}
        </Button>
      </div>
    </form>
  );
}

type TargetGroupProps = { level: LevelKey; target: TargetDraft; errors: SlaErrors; onChange: (level: LevelKey, field: keyof TargetDraft, value: string | boolean) => void };

function TargetGroup({ level, target, errors, onChange }: TargetGroupProps) {
  const { t } = useI18n();
  const minutesField = (field: 'responseMinutes' | 'resolutionMinutes', label: string) => {
    const error = errors[`targets.${level}.${field}`];
    const minutes = Number(target[field]);
    return (
      <List.Item
        description={error ? <ErrorText message={error} testId={`sla-error-${level}-${field}`} /> : Number.isFinite(minutes) && minutes > 0 ? formatDuration(minutes, t) : null}
        extra={
          // No min/max: antd-mobile would clamp a typed 0 silently instead of showing why it is refused.
          <Input
            type="number"
            inputMode="numeric"
            className={styles.minutes}
            value={target[field]}
            onChange={(value) => onChange(level, field, value)}
            aria-label={`${t(`ticket.level.${level}`)} ${label}`}
            aria-invalid={error ? true : undefined}
            data-testid={`sla-${level}-${field}`}
          />
        }
      >
        {label}
      </List.Item>
    );
  };
  return (
    <List header={`${t(`ticket.level.${level}`)} · ${t(`ticket.levelMeaning.${level}`)}`} className={styles.group} data-testid={`sla-level-${level}`}>
      {minutesField('responseMinutes', t('settings.responseMinutes'))}
      {minutesField('resolutionMinutes', t('settings.resolutionMinutes'))}
      <List.Item extra={<Switch checked={target.businessHoursOnly} onChange={(checked) => onChange(level, 'businessHoursOnly', checked)} aria-label={t('settings.businessHoursOnly')} data-testid={`sla-${level}-business-hours`} />} description={t('settings.businessHoursOnlyHint')}>
        {t('settings.businessHoursOnly')}
      </List.Item>
    </List>
  );
}

function ErrorText({ message, testId }: { message: MessageKey; testId: string }) {
  const { t } = useI18n();
  return (
    <span className={styles.error} role="alert" data-testid={testId}>
      {t(message)}
    </span>
  );
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  const rest = absolute % 60;
  return `UTC${sign}${Math.floor(absolute / 60)}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** 90 → "1 小时 30 分钟", so 1440 is not mistaken for a day of working time. */
function formatDuration(minutes: number, t: (key: MessageKey, params?: Record<string, number>) => string): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('settings.durationMinutes', { minutes: rest });
  if (rest === 0) return t('settings.durationHours', { hours });
  return t('settings.durationHoursMinutes', { hours, minutes: rest });
}
