import { createSilenceBodySchema } from '@dingops/shared/alerts';
import { Button, Input, List, Popup, Toast } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { useI18n } from '../../../lib/i18n';
import { createSilence } from '../api/silences';
import { emptyMatcher, type MatcherDraft } from '../utils/matcher-draft';
import { problemPaths, showApiError } from '../utils/show-api-error';
import styles from './alerts.module.css';
import { MatcherRows } from './matcher-rows';

type FieldErrors = { matchers: boolean; matcherRows: Set<number>; endsAt: boolean; reason: boolean };

function fieldErrorsOf(paths: readonly string[]): FieldErrors {
  const errors: FieldErrors = { matchers: false, matcherRows: new Set(), endsAt: false, reason: false };
  for (const path of paths) {
    const [field, index] = path.split('.');
    if (field === 'matchers' && index !== undefined && /^\d+$/.test(index)) errors.matcherRows.add(Number(index));
    else if (field === 'matchers') errors.matchers = true;
    else if (field === 'endsAt' || field === 'startsAt') errors.endsAt = true;
    else if (field === 'reason') errors.reason = true;
  }
  return errors;
}

const noErrors = (): FieldErrors => fieldErrorsOf([]);
const hasAny = (errors: FieldErrors) => errors.matchers || errors.endsAt || errors.reason || errors.matcherRows.size > 0;

/** `YYYY-MM-DDTHH:mm` in the device's time zone, for a datetime-local input. */
function localInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** 新建静默: matchers, an end time and a reason; field errors land under their fields. */
export function SilenceSheet({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet} destroyOnClose>
      {open ? <SilenceForm onSaved={onSaved} /> : null}
    </Popup>
  );
}

function SilenceForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const [matchers, setMatchers] = useState<MatcherDraft[]>([emptyMatcher()]);
  const [endsAt, setEndsAt] = useState(() => localInput(new Date(Date.now() + 2 * 3_600_000)));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(noErrors);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const endsAtDate = new Date(endsAt);
    const body = { matchers, endsAt: Number.isNaN(endsAtDate.getTime()) ? '' : endsAtDate.toISOString(), reason };
    const checked = createSilenceBodySchema.safeParse(body);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error.issues.map((issue) => issue.path.join('.'))));
      return;
    }
    setSaving(true);
    try {
      await createSilence(checked.data);
      Toast.show({ icon: 'success', content: t('alerts.silenceCreated') });
      onSaved();
    } catch (error) {
      const mapped = fieldErrorsOf(problemPaths(error));
      setErrors(mapped);
      if (!hasAny(mapped)) showApiError(error);
    } finally {
      setSaving(false);
    }
  };

  const errorLine = (shown: boolean, key: 'alerts.invalid.matchers' | 'alerts.invalid.endsAt' | 'alerts.invalid.reason', field: string) =>
    shown ? (
      <span className={styles.error} data-testid={`silence-error-${field}`}>
        {t(key)}
      </span>
    ) : null;

  return (
    <form
      className={sheet.body}
      data-testid="silence-sheet"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className={sheet.title}>{t('alerts.newSilence')}</h2>
      <List>
        <List.Item title={t('alerts.matchers')} description={errorLine(errors.matchers, 'alerts.invalid.matchers', 'matchers')}>
          <MatcherRows matchers={matchers} onChange={setMatchers} invalidRows={errors.matcherRows} testId="silence-matcher" />
        </List.Item>
        <List.Item title={t('alerts.silenceEndsAt')} description={errorLine(errors.endsAt, 'alerts.invalid.endsAt', 'endsAt')}>
          <Input type="datetime-local" value={endsAt} onChange={setEndsAt} aria-label={t('alerts.silenceEndsAt')} data-testid="silence-ends-at" />
        </List.Item>
        <List.Item title={t('alerts.silenceReason')} description={errorLine(errors.reason, 'alerts.invalid.reason', 'reason')}>
          <Input value={reason} onChange={setReason} maxLength={500} placeholder={t('alerts.silenceReasonPlaceholder')} data-testid="silence-reason" />
        </List.Item>
      </List>
      <div className={styles.footer}>
        <Button block color="primary" size="large" type="submit" loading={saving} data-testid="silence-save">
          {t('alerts.saveSilence')}
        </Button>
      </div>
    </form>
  );
}
