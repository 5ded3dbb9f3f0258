import { createSilenceBodySchema } from '@dingops/shared/alerts';
import { Button, Input, List, Popup } from 'antd-mobile';
import { useState } from 'react';
import sheet from '../../../components/bottom-sheet.module.css';
import { useI18n } from '../../../lib/i18n';
import { createSilence } from '../api/silences';
import { useCheckedSave } from '../hooks/use-checked-save';
import { isoOf, localInput } from '../utils/datetime-local';
import { emptyMatcher, type MatcherDraft } from '../utils/matcher-draft';
import styles from './alerts.module.css';
import { MatcherRows } from './matcher-rows';

const fields = ['matchers', 'startsAt', 'endsAt', 'reason'] as const;

/** 新建静默: matchers, when it starts (now unless set), when it ends, and a reason; field errors land under their fields. */
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
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState(() => localInput(new Date(Date.now() + 2 * 3_600_000)));
  const [reason, setReason] = useState('');
  const { errors, saving, save, edited } = useCheckedSave({
    schema: createSilenceBodySchema,
    fields,
    submit: createSilence,
    successText: t('alerts.silenceCreated'),
    onSaved,
  });

  const errorLine = (field: (typeof fields)[number]) =>
    errors.fields.has(field) ? (
      <span className={styles.error} data-testid={`silence-error-${field}`}>
        {t(`alerts.invalid.${field}`)}
      </span>
    ) : null;

  return (
    <form
      className={sheet.body}
      data-testid="silence-sheet"
      onSubmit={(event) => {
        event.preventDefault();
        void save({ matchers, ...(startsAt ? { startsAt: isoOf(startsAt) } : {}), endsAt: isoOf(endsAt), reason });
      }}
    >
      <h2 className={sheet.title}>{t('alerts.newSilence')}</h2>
      <List>
        <List.Item title={t('alerts.matchers')} description={errorLine('matchers')}>
          <MatcherRows matchers={matchers} onChange={edited('matchers', setMatchers)} invalidRows={errors.matcherRows} testId="silence-matcher" />
        </List.Item>
        <List.Item title={t('alerts.silenceStartsAt')} description={errorLine('startsAt') ?? <span className={styles.meta}>{t('alerts.silenceStartsAtHint')}</span>}>
          <Input type="datetime-local" value={startsAt} onChange={edited('startsAt', setStartsAt)} aria-label={t('alerts.silenceStartsAt')} data-testid="silence-starts-at" />
        </List.Item>
        <List.Item title={t('alerts.silenceEndsAt')} description={errorLine('endsAt')}>
          <Input type="datetime-local" value={endsAt} onChange={edited('endsAt', setEndsAt)} aria-label={t('alerts.silenceEndsAt')} data-testid="silence-ends-at" />
        </List.Item>
        <List.Item title={t('alerts.silenceReason')} description={errorLine('reason')}>
          <Input value={reason} onChange={edited('reason', setReason)} maxLength={500} placeholder={t('alerts.silenceReasonPlaceholder')} data-testid="silence-reason" />
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
