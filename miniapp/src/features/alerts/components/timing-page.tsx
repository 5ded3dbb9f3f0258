import { alertTimingSchema, type AlertTimingSettings } from '@dingops/shared/alert-maintenance';
import { Button, Input, List, Toast } from 'antd-mobile';
import { useState } from 'react';
import { PageLoadFailed, PageLoading } from '../../../components/load-states';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { getAlertTiming, saveAlertTiming } from '../api/timing';
import { useLoaded } from '../../../hooks/use-loaded';
import { shortTime } from '../utils/elapsed';
import { problemPaths, showApiError } from '../utils/show-api-error';
import styles from './alerts.module.css';
import timingStyles from './timing.module.css';

const levels = ['level1', 'level2', 'level3'] as const;
type LevelKey = (typeof levels)[number];
const timingFields = ['groupWaitSeconds', 'groupIntervalSeconds', 'repeatIntervalMinutes'] as const;
type TimingField = (typeof timingFields)[number];
type Draft = Record<LevelKey, Record<TimingField, string>>;

const draftOf = (settings: AlertTimingSettings): Draft =>
  Object.fromEntries(levels.map((level) => [level, Object.fromEntries(timingFields.map((field) => [field, String(settings[level][field])]))])) as Draft;

/** Level 3 goes into the digest, so only its repeat interval means anything. */
const fieldsOf = (level: LevelKey): readonly TimingField[] => (level === 'level3' ? ['repeatIntervalMinutes'] : timingFields);

/** 通知节奏: group wait, group interval and repeat interval per level; IT admins edit, other IT staff read. */
export function TimingPage({ canEdit }: { canEdit: boolean }) {
  const { state, reload } = useLoaded((signal) => getAlertTiming(signal), 'alert-timing');
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'failed') return <PageLoadFailed onRetry={reload} />;
  return <TimingForm key={state.value.updatedAt ?? 'defaults'} settings={state.value} canEdit={canEdit} onSaved={reload} />;
}

function TimingForm({ settings, canEdit, onSaved }: { settings: AlertTimingSettings; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [errors, setErrors] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);

  const update = (level: LevelKey, field: TimingField, value: string) => {
    setDraft((previous) => ({ ...previous, [level]: { ...previous[level], [field]: value } }));
    setErrors((previous) => new Set([...previous].filter((path) => path !== `${level}.${field}`)));
  };

  const save = async () => {
    const numbers = Object.fromEntries(levels.map((level) => [level, Object.fromEntries(timingFields.map((field) => [field, draft[level][field].trim() === '' ? Number.NaN : Number(draft[level][field])]))]));
    const checked = alertTimingSchema.safeParse(numbers);
    if (!checked.success) {
      setErrors(new Set(checked.error.issues.map((issue) => issue.path.join('.'))));
      return;
    }
    setSaving(true);
    try {
      await saveAlertTiming(checked.data);
      Toast.show({ icon: 'success', content: t('timing.saved') });
      onSaved();
    } catch (error) {
      const paths = problemPaths(error);
      setErrors(new Set(paths));
      if (paths.length === 0) showApiError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      data-testid="alert-timing"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p className={`${styles.meta} ${timingStyles.hint}`}>{t('timing.hint')}</p>
      {levels.map((level, index) => (
        <List key={level} header={t(`alerts.level.${index + 1}` as MessageKey)} className={styles.group} data-testid={`timing-${level}`}>
          {fieldsOf(level).map((field) => (
            <List.Item
              key={field}
              title={t(`timing.field.${field}`)}
              description={
                errors.has(`${level}.${field}`) ? (
                  <span className={styles.error} data-testid={`timing-error-${level}-${field}`}>
                    {t(`timing.invalid.${field}`)}
                  </span>
                ) : null
              }
            >
              <Input type="number" inputMode="numeric" min={0} value={draft[level][field]} onChange={(value) => update(level, field, value)} readOnly={!canEdit} aria-label={`${t(`alerts.level.${index + 1}` as MessageKey)} ${t(`timing.field.${field}`)}`} data-testid={`timing-${level}-${field}`} />
            </List.Item>
          ))}
          {level === 'level3' ? <List.Item description={t('timing.level3Hint')} /> : null}
        </List>
      ))}
      {settings.updatedAt ? <p className={`${styles.meta} ${timingStyles.hint}`}>{t('timing.updatedBy', { name: settings.updatedBy ?? '—', time: shortTime(settings.updatedAt) })}</p> : null}
      {canEdit ? (
        <div className={styles.footer}>
          <Button block color="primary" size="large" type="submit" loading={saving} data-testid="timing-save">
            {t('timing.save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
